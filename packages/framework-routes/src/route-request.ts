// The request a handler receives: a lazy, read-only view of one environ plus route params and body readers.
import { environKeyForHeader, requestUri } from "@patchbay/gateway";
import type { Environ, InputStream } from "@patchbay/gateway";
import { TextDecoder } from "node:util";
import { parseCookie } from "cookie";
import { RouteError } from "./errors.js";
import { Form } from "./form.js";
import { MultiDict } from "./multi-dict.js";
import { parseMultipart } from "./parse-multipart.js";
import type { QueryValues } from "./format-query.js";
import { encodePathText } from "./path-pattern.js";
import { hasBody, readBody, readBodyChunks } from "./read-body.js";


/** What a request needs from the app that routed it. */
export interface RequestSettings {
  /** Body size limit in bytes. */
  readonly maxBodyBytes: number;
  /** The app-relative URL of a named route (no SCRIPT_NAME). */
  urlFor(name: string, params?: Readonly<Record<string, unknown>>, query?: QueryValues): string;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });
const utf8 = new TextDecoder("utf-8");

function mediaTypeOf(contentType: string | undefined): string {
  if (contentType === undefined) return "";
  const semicolon = contentType.indexOf(";");
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

function isJsonMediaType(mediaType: string): boolean {
  // RFC 6839 §3.1: "+json" structured syntax suffix types are JSON too.
  return mediaType === "application/json" || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
}

function decoderFor(contentType: string | undefined): TextDecoder {
  const match = contentType === undefined ? null : /;\s*charset="?([^";\s]+)/i.exec(contentType);
  if (match === null) return utf8;
  try {
    return new TextDecoder(match[1]);
  } catch {
    return utf8;
  }
}

function unsupported(expected: string, contentType: string | undefined): RouteError {
  return new RouteError("ERR_ROUTE_UNSUPPORTED_MEDIA_TYPE", `expected ${expected}, got ${contentType === undefined ? "no Content-Type" : `Content-Type ${JSON.stringify(contentType)}`}`);
}

function consumed(): RouteError {
  return new RouteError("ERR_ROUTE_BODY_CONSUMED", "the request body was already read as a stream; read it once with stream(), or with bytes(), text(), json() or form()");
}

/** What a request computes on first use; all fields set in the constructor, so every memo has one shape. */
class RequestMemo {
  query: MultiDict<string> | undefined = undefined;
  cookies: Readonly<Record<string, string | undefined>> | undefined = undefined;
  headers: ReadonlyMap<string, string> | undefined = undefined;
  state: Map<string, unknown> | undefined = undefined;
  body: Promise<Uint8Array> | undefined = undefined;
  form: Promise<Form> | undefined = undefined;
  /** True once the body was taken, as a stream or to buffer it. */
  streamed = false;
}

/**
 * One request as a route handler sees it. Everything is computed on first use (query, cookies, headers,
 * body), so a handler pays only for what it reads. The body can be read once as a stream, or any number of
 * times through bytes()/text()/json()/form(), which share one buffered copy.
 */
export class RouteRequest<Params = Record<string, unknown>> {
  // `declare`d fields: TypeScript would otherwise emit class field definitions, an extra store of undefined
  // per field per request before the constructor's own.
  /** The gateway environ, as the server (or an outer app) gave it. */
  declare readonly environ: Environ;
  /** Converted path parameters of the matched route ({} when none matched). */
  declare readonly params: Params;
  /** The request method, as sent (case-sensitive, RFC 9110 §9.1). */
  declare readonly method: string;
  /** The decoded path within the app (PATH_INFO, "/" when empty). */
  declare readonly path: string;
  readonly #settings: RequestSettings;
  // The lazily computed parts in one object made on first use: a request whose handler reads none of them
  // (most GETs) is 6 fields, not 12, and its constructor stores 6 values instead of 12.
  #memo: RequestMemo | undefined;

  constructor(environ: Environ, path: string, params: Params, settings: RequestSettings) {
    this.#settings = settings;
    this.environ = environ;
    this.method = environ.REQUEST_METHOD;
    this.path = path;
    this.params = params;
  }


  /** Where the app is mounted (SCRIPT_NAME, decoded; "" at the root). */
  get scriptName(): string {
    return this.environ.SCRIPT_NAME;
  }

  /** The full request URL, reconstructed (PEP 3333 "URL Reconstruction"). */
  get url(): string {
    return requestUri(this.environ);
  }

  /** The client's address (REMOTE_ADDR). */
  get remoteAddress(): string {
    return this.environ.REMOTE_ADDR;
  }

  /** The query string's parameters; names may repeat (`getAll`). */
  get query(): MultiDict<string> {
    const memo = (this.#memo ??= new RequestMemo());
    if (memo.query === undefined) {
      const query = new MultiDict<string>();
      const queryString = this.environ.QUERY_STRING;
      if (queryString !== "") for (const [name, value] of new URLSearchParams(queryString)) query.append(name, value);
      memo.query = query;
    }
    return memo.query;
  }

  /** One request header (case-insensitive name), as the server joined it; undefined when absent. */
  header(name: string): string | undefined {
    const key = environKeyForHeader(name);
    return key === null ? undefined : (this.environ[key] as string | undefined);
  }

  /** Every request header by lower-case name ("_" in environ keys read back as "-"). */
  get headers(): ReadonlyMap<string, string> {
    const memo = (this.#memo ??= new RequestMemo());
    if (memo.headers === undefined) {
      const headers = new Map<string, string>();
      const environ = this.environ;
      if (environ.CONTENT_TYPE !== undefined) headers.set("content-type", environ.CONTENT_TYPE);
      if (environ.CONTENT_LENGTH !== undefined) headers.set("content-length", environ.CONTENT_LENGTH);
      for (const key of Object.keys(environ)) {
        const value = environ[key];
        if (key.startsWith("HTTP_") && typeof value === "string") headers.set(key.slice(5).toLowerCase().replaceAll("_", "-"), value);
      }
      memo.headers = headers;
    }
    return memo.headers;
  }

  /** The request's cookies (RFC 6265 §5.4), values percent-decoded. */
  get cookies(): Readonly<Record<string, string | undefined>> {
    const memo = (this.#memo ??= new RequestMemo());
    memo.cookies ??= parseCookie(this.environ.HTTP_COOKIE ?? "");
    return memo.cookies;
  }

  /** One cookie's value, or undefined. */
  cookie(name: string): string | undefined {
    return this.cookies[name];
  }

  /** The media type of the body, lower-case, without parameters ("" when there is no Content-Type). */
  get mediaType(): string {
    return mediaTypeOf(this.environ.CONTENT_TYPE);
  }

  /** Per-request storage for hooks and handlers to share (Flask's `g`), created on first use. */
  get state(): Map<string, unknown> {
    const memo = (this.#memo ??= new RequestMemo());
    memo.state ??= new Map();
    return memo.state;
  }

  /** The URL of a named route within this request's mount point: SCRIPT_NAME + the route's path (+ "?query"). */
  urlFor(name: string, params?: Readonly<Record<string, unknown>>, query?: QueryValues): string {
    const scriptName = this.environ.SCRIPT_NAME;
    const path = this.#settings.urlFor(name, params, query);
    return scriptName === "" ? path : encodePathText(scriptName) + path;
  }

  /** The raw gateway.input, without the size limit (for apps that forward the body elsewhere). */
  get input(): InputStream {
    return this.environ["gateway.input"];
  }

  /** The raw body stream, read once, within the body size limit (413 past it). */
  stream(): AsyncIterable<Uint8Array> {
    const memo = (this.#memo ??= new RequestMemo());
    if (memo.body !== undefined) return this.#replayBody(memo.body);
    if (memo.streamed) throw consumed();
    memo.streamed = true;
    return readBodyChunks(this.environ, this.#settings.maxBodyBytes);
  }

  /** The whole body as bytes (buffered once), within the body size limit (413 past it). */
  bytes(): Promise<Uint8Array> {
    const memo = (this.#memo ??= new RequestMemo());
    if (memo.body === undefined) {
      if (memo.streamed) return Promise.reject(consumed());
      memo.streamed = true;
      memo.body = readBody(this.environ, this.#settings.maxBodyBytes);
    }
    return memo.body;
  }

  /** The body as text, decoded with the Content-Type charset (default UTF-8). */
  async text(): Promise<string> {
    return decoderFor(this.environ.CONTENT_TYPE).decode(await this.bytes());
  }

  /**
   * The body parsed as JSON. Needs Content-Type application/json or application/*+json (else 415); an empty
   * body, invalid UTF-8 or malformed JSON is a 400 (ERR_ROUTE_MALFORMED_JSON).
   */
  async json<T = unknown>(): Promise<T> {
    if (!isJsonMediaType(this.mediaType)) throw unsupported("a JSON body (Content-Type: application/json)", this.environ.CONTENT_TYPE);
    const bytes = await this.bytes();
    if (bytes.length === 0) throw new RouteError("ERR_ROUTE_MALFORMED_JSON", "the request body is empty; expected JSON");
    let text: string;
    try {
      // RFC 8259 §8.1: JSON exchanged between systems is UTF-8.
      text = utf8Strict.decode(bytes);
    } catch (error) {
      throw new RouteError("ERR_ROUTE_MALFORMED_JSON", "the JSON request body is not valid UTF-8", { cause: error });
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new RouteError("ERR_ROUTE_MALFORMED_JSON", `malformed JSON in the request body: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * The body as a form: application/x-www-form-urlencoded, or multipart/form-data with files. A request
   * without a body gives an empty form; any other media type is a 415.
   */
  form(): Promise<Form> {
    const memo = (this.#memo ??= new RequestMemo());
    memo.form ??= this.#parseForm();
    return memo.form;
  }

  async #parseForm(): Promise<Form> {
    const mediaType = this.mediaType;
    if (mediaType === "application/x-www-form-urlencoded") {
      const form = new Form();
      const text = utf8.decode(await this.bytes());
      for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
      return form;
    }
    if (mediaType === "multipart/form-data") {
      const contentType = this.environ.CONTENT_TYPE as string;
      return parseMultipart(contentType, this.stream(), this.#settings.maxBodyBytes);
    }
    if (mediaType === "" && !hasBody(this.environ)) return new Form();
    throw unsupported("a form body (application/x-www-form-urlencoded or multipart/form-data)", this.environ.CONTENT_TYPE);
  }

  async *#replayBody(body: Promise<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
    const bytes = await body;
    if (bytes.length > 0) yield bytes;
  }
}
