// The built-in application/json media handler (RFC 8259); parses and renders, never reads the body itself.
import { ResourceError } from "./errors.js";
import { HTTPBadRequest } from "./http-errors.js";
import type { MediaHandler } from "./media-handler.js";

// fatal: invalid UTF-8 is malformed JSON (RFC 8259 §8.1), not text to patch with U+FFFD.
const UTF8_DECODER = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Parses JSON bodies (empty or malformed → HTTPBadRequest) and renders values with JSON.stringify. */
export const jsonMediaHandler: MediaHandler = {
  deserialize(body) {
    if (body.length === 0) throw new HTTPBadRequest({ title: "Invalid JSON", detail: "the request body is empty" });
    let text: string;
    try {
      text = UTF8_DECODER.decode(body);
    } catch {
      throw new HTTPBadRequest({ title: "Invalid JSON", detail: "the request body is not valid UTF-8" });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new HTTPBadRequest({ title: "Invalid JSON", detail: `the request body is not valid JSON: ${(error as Error).message}` });
    }
  },
  serialize(media) {
    const text = JSON.stringify(media);
    if (text === undefined) throw new ResourceError("ERR_RESOURCE_UNSERIALIZABLE_MEDIA", `response.media of type ${typeof media} cannot be rendered as JSON`, { status: 500 });
    return text;
  },
};
