// Checks a decoded request body and turns it into a NoteInput; never touches the store.
import { HTTPUnprocessableEntity } from "@patchbay/framework-resources";
import type { NoteInput } from "./note-store.js";

/** Longest title accepted, in UTF-16 code units. */
export const MAX_TITLE_LENGTH = 200;
/** Longest body accepted, in UTF-16 code units (the app's 64 KiB body limit comes first for huge ones). */
export const MAX_BODY_LENGTH = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns `{ title, body }` from a JSON object with a non-blank string `title` (trimmed, at most
 * MAX_TITLE_LENGTH) and an optional string `body` (default "", at most MAX_BODY_LENGTH). Anything else
 * throws HTTPUnprocessableEntity (422): the JSON parsed, but it is not a note (RFC 9110 §15.5.21).
 */
export function parseNoteInput(value: unknown): NoteInput {
  if (!isRecord(value)) throw new HTTPUnprocessableEntity({ detail: "send a JSON object: {\"title\": string, \"body\"?: string}" });
  const { title, body = "" } = value;
  if (typeof title !== "string" || title.trim() === "") throw new HTTPUnprocessableEntity({ detail: "title must be a non-blank string" });
  if (title.trim().length > MAX_TITLE_LENGTH) throw new HTTPUnprocessableEntity({ detail: `title must be at most ${MAX_TITLE_LENGTH} characters` });
  if (typeof body !== "string") throw new HTTPUnprocessableEntity({ detail: "body must be a string" });
  if (body.length > MAX_BODY_LENGTH) throw new HTTPUnprocessableEntity({ detail: `body must be at most ${MAX_BODY_LENGTH} characters` });
  return { title: title.trim(), body };
}
