/**
 * bodyParser(): middleware that reads a JSON, urlencoded or text request body into `ctx.request.body`,
 * under a size limit, answering bad input with the right 4xx. It never touches the response.
 */
import { TextDecoder } from "node:util";
import type { ChainMiddleware, DefaultState } from "./context.js";
import { InvalidOptionError, MalformedBodyError, UnsupportedMediaTypeError } from "./errors.js";
import { parseMediaType } from "./media-type.js";
import { readBody } from "./read-body.js";
import { parseUrlEncoded } from "./url-encoded.js";

/** The body kinds bodyParser understands. */
export type BodyKind = "json" | "form" | "text";

/** Options of bodyParser. */
export interface BodyParserOptions {
  /** Which kinds to parse. Default all three: json (application/json, application/*+json), form (application/x-www-form-urlencoded), text (text/plain). */
  kinds?: readonly BodyKind[];
  /** Largest body accepted, in bytes. Default BODY_LIMIT_BYTES (1 MiB). */
  limitBytes?: number;
  /** A body of another media type: "reject" answers 415 (default); "ignore" leaves it unread for a later middleware. */
  otherMediaTypes?: "reject" | "ignore";
}

/** Default body size limit: 1 MiB. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const NON_WHITESPACE = /\S/;
const KINDS: readonly BodyKind[] = ["json", "form", "text"];
const UTF8_CHARSETS: ReadonlySet<string> = new Set(["utf-8", "utf8", "us-ascii"]);
const UTF8_DECODER = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function kindOf(mediaType: string): BodyKind | undefined {
  if (mediaType === "application/json" || (mediaType.startsWith("application/") && mediaType.endsWith("+json"))) return "json";
  if (mediaType === "application/x-www-form-urlencoded") return "form";
  if (mediaType === "text/plain") return "text";
  return undefined;
}

function decoderFor(kind: BodyKind, charset: string | undefined): TextDecoder {
  if (charset === undefined || UTF8_CHARSETS.has(charset)) return UTF8_DECODER;
  // RFC 8259 §8.1: JSON exchanged between systems is UTF-8; urlencoded forms are UTF-8 by the WHATWG URL standard.
  if (kind !== "text") throw new UnsupportedMediaTypeError(`charset ${charset} is not supported for ${kind} bodies; send UTF-8`);
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    throw new UnsupportedMediaTypeError(`unknown charset ${JSON.stringify(charset)}`);
  }
}

function decode(bytes: Uint8Array, decoder: TextDecoder): string {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new MalformedBodyError(`request body is not valid ${decoder.encoding}`, error);
  }
}

/**
 * Creates body-parsing middleware. For a request with a body (non-zero Content-Length or a
 * Transfer-Encoding) it sets `ctx.request.body` to: the parsed JSON value; the form fields
 * (FormFields: one string per name, an array for a repeated one); or the text. A JSON body with no
 * bytes leaves it undefined. Answers 413 over the limit (before reading when Content-Length says so),
 * 400 for malformed JSON or bytes that are not valid in the charset, 415 for another media type or
 * an unsupported charset. A request without a body passes through untouched.
 *
 * @example
 * router.post("/echo", bodyParser({ kinds: ["form"] }), (ctx) => { ctx.body = ctx.request.body; });
 */
export function bodyParser<State = DefaultState>(options: BodyParserOptions = {}): ChainMiddleware<State> {
  const kinds = new Set(options.kinds ?? KINDS);
  for (const kind of kinds) if (!KINDS.includes(kind)) throw new InvalidOptionError(`bodyParser kinds are json, form and text; got ${JSON.stringify(kind)}`);
  const limitBytes = options.limitBytes ?? BODY_LIMIT_BYTES;
  if (!Number.isSafeInteger(limitBytes) || limitBytes < 0) throw new InvalidOptionError(`bodyParser limitBytes must be a non-negative integer, got ${String(limitBytes)}`);
  const rejectOthers = (options.otherMediaTypes ?? "reject") === "reject";
  if (options.otherMediaTypes !== undefined && options.otherMediaTypes !== "reject" && options.otherMediaTypes !== "ignore") {
    throw new InvalidOptionError(`bodyParser otherMediaTypes is "reject" or "ignore", got ${JSON.stringify(options.otherMediaTypes)}`);
  }
  const accepted = [...kinds].join(", ");

  return async (context, next) => {
    const request = context.request;
    if (!request.hasBody) return next();
    const mediaType = parseMediaType(request.environ.CONTENT_TYPE);
    const kind = kindOf(mediaType.type);
    if (kind === undefined || !kinds.has(kind)) {
      if (!rejectOthers) return next();
      const got = mediaType.type === "" ? "no Content-Type" : `Content-Type ${mediaType.type}`;
      throw new UnsupportedMediaTypeError(`request body with ${got} is not accepted here (accepted: ${accepted})`);
    }
    const decoder = decoderFor(kind, mediaType.charset);
    const bytes = await readBody(request.stream, limitBytes, request.length);
    const text = decode(bytes, decoder);
    if (kind === "json") request.body = parseJson(text);
    else if (kind === "form") request.body = parseUrlEncoded(text);
    else request.body = text;
    return next();
  };
}

function parseJson(text: string): unknown {
  if (!NON_WHITESPACE.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedBodyError(`malformed JSON in request body: ${(error as Error).message}`, error);
  }
}
