// The built-in application/x-www-form-urlencoded media handler (WHATWG URL §5); parses and renders form fields.
import { ResourceError } from "./errors.js";
import type { MediaHandler } from "./media-handler.js";

/** A parsed form: one string per field, or an array when the field repeats. */
export type FormFields = Record<string, string | string[]>;

const UTF8_DECODER = new TextDecoder("utf-8");

function fieldText(name: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  throw new ResourceError("ERR_RESOURCE_UNSERIALIZABLE_MEDIA", `form field "${name}" must be a string, number, boolean or an array of them, got ${value === null ? "null" : typeof value}`, { status: 500 });
}

/**
 * Parses form bodies into {@link FormFields} ("+" is a space, repeated fields become arrays) and renders
 * an object of strings, numbers, booleans or arrays of them back into the urlencoded form.
 */
export const formMediaHandler: MediaHandler = {
  deserialize(body): FormFields {
    const fields: FormFields = {};
    if (body.length === 0) return fields;
    for (const [name, value] of new URLSearchParams(UTF8_DECODER.decode(body))) {
      const existing = fields[name];
      if (existing === undefined) fields[name] = value;
      else if (typeof existing === "string") fields[name] = [existing, value];
      else existing.push(value);
    }
    return fields;
  },
  serialize(media) {
    if (typeof media !== "object" || media === null) throw new ResourceError("ERR_RESOURCE_UNSERIALIZABLE_MEDIA", "a urlencoded form response needs an object of fields", { status: 500 });
    const parameters = new URLSearchParams();
    for (const [name, value] of Object.entries(media)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value as unknown[]) parameters.append(name, fieldText(name, item));
      else parameters.append(name, fieldText(name, value));
    }
    return parameters.toString();
  },
};
