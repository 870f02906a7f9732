/** Media-type strings: parses a Content-Type header and expands `ctx.type` shorthands. No I/O, no state. */

/** A parsed Content-Type (RFC 9110 §8.3.1): the lower-cased type/subtype and the charset parameter, if any. */
export interface MediaType {
  /** "type/subtype", lower-cased, without parameters; "" when the header is empty. */
  type: string;
  /** The charset parameter, lower-cased and unquoted; undefined when absent. */
  charset: string | undefined;
}

const CHARSET_PARAMETER = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;

/** Parses a Content-Type value (RFC 9110 §8.3.1); tolerant of spacing, never throws. */
export function parseMediaType(header: string | undefined): MediaType {
  if (header === undefined) return { type: "", charset: undefined };
  const semicolon = header.indexOf(";");
  const type = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  if (semicolon === -1) return { type, charset: undefined };
  const match = CHARSET_PARAMETER.exec(header);
  const charset = match === null ? undefined : (match[1] ?? match[2] ?? "").toLowerCase();
  return { type, charset: charset === "" ? undefined : charset };
}

/** Shorthands accepted by `ctx.type` (Koa accepts file extensions; these are the ones apps use). */
const CONTENT_TYPE_SHORTHANDS: ReadonlyMap<string, string> = new Map([
  ["html", "text/html; charset=utf-8"],
  ["text", "text/plain; charset=utf-8"],
  ["txt", "text/plain; charset=utf-8"],
  ["json", "application/json; charset=utf-8"],
  ["css", "text/css; charset=utf-8"],
  ["js", "text/javascript; charset=utf-8"],
  ["xml", "application/xml; charset=utf-8"],
  ["svg", "image/svg+xml"],
  ["png", "image/png"],
  ["form", "application/x-www-form-urlencoded"],
  ["bin", "application/octet-stream"],
]);

/** The Content-Type a `ctx.type` shorthand ("html", ".json", …) stands for, or undefined for any other value. */
export function shorthandContentType(value: string): string | undefined {
  return CONTENT_TYPE_SHORTHANDS.get(value.startsWith(".") ? value.slice(1) : value);
}

/**
 * The Content-Type for a `ctx.type` value: a shorthand ("html", "json", "text", …) or a full media type.
 * A text/* or JSON type without a charset gets "; charset=utf-8", since bodies are sent as UTF-8.
 * Returns undefined for a value that is neither a shorthand nor "type/subtype".
 */
export function contentTypeFor(value: string): string | undefined {
  const shorthand = shorthandContentType(value);
  if (shorthand !== undefined) return shorthand;
  if (!value.includes("/")) return undefined;
  if (value.includes(";")) return value;
  const lower = value.toLowerCase();
  return lower.startsWith("text/") || lower === "application/json" || lower.endsWith("+json") ? `${value}; charset=utf-8` : value;
}
