// The response a responder fills in: status, headers, cookies and one body (text, data, media or stream); it never sends anything.
import { FIELD_NAME_PATTERN, FIELD_VALUE_PATTERN, isHopByHopHeader } from "@patchbay/gateway";
import type { Chunk, HeaderList } from "@patchbay/gateway";
import { stringifySetCookie } from "cookie";
import type { SerializeOptions } from "cookie";
import { ResourceError } from "./errors.js";

/** A streamed response body: chunks are sent as they come, with backpressure. */
export type ResponseStream = Iterable<Chunk> | AsyncIterable<Chunk>;

/** Options of `response.setCookie` (the `cookie` package's: path, domain, maxAge, expires, httpOnly, secure, sameSite, …). */
export type CookieOptions = SerializeOptions;

/** Which body a response carries; the last one set wins. */
export type ResponseBodyKind = "none" | "text" | "data" | "media" | "stream";

/** How many distinct header names checkHeader remembers as valid; past that it starts over (bounded memory). */
const MAX_CHECKED_NAMES = 256;
/**
 * Header names already found to be tokens and not hop-by-hop. An app sets the same few names on every
 * response, and the name regex plus the hop-by-hop lower-casing cost ~0.015 µs per header.
 */
const checkedNames = new Set<string>();

function checkHeader(name: string, value: string): void {
  const known = checkedNames.has(name);
  if (!known && !FIELD_NAME_PATTERN.test(name)) throw new ResourceError("ERR_RESOURCE_INVALID_HEADER", `header name is not a token: ${JSON.stringify(name)}`, { status: 500 });
  if (!FIELD_VALUE_PATTERN.test(value)) throw new ResourceError("ERR_RESOURCE_INVALID_HEADER", `header ${name} has CR, LF, NUL or a non-latin-1 character in its value`, { status: 500 });
  if (known) return;
  // RFC 9110 §7.6.1: connection-specific headers are the server's.
  if (isHopByHopHeader(name)) throw new ResourceError("ERR_RESOURCE_INVALID_HEADER", `hop-by-hop header ${name} is set by the server, not the application`, { status: 500 });
  if (checkedNames.size >= MAX_CHECKED_NAMES) checkedNames.clear();
  checkedNames.add(name);
}

/** Removes every header named `lowerName` (any case) from `headers`; true when one was there. */
function removeHeader(headers: HeaderList, lowerName: string): boolean {
  let removed = false;
  for (let index = headers.length - 1; index >= 0; index--) {
    if ((headers[index] as [string, string])[0].toLowerCase() === lowerName) {
      headers.splice(index, 1);
      removed = true;
    }
  }
  return removed;
}

/**
 * The response's own header list, or undefined while no header was set: for renderResponse, which hands
 * a fresh literal list to startResponse then (not exported from index.ts). Assigned in Response's static block.
 */
export let headerListOf!: (response: Response) => HeaderList | undefined;

/**
 * One response being built. `status` defaults to 200. Setting `text`, `data`, `media` or `stream`
 * chooses the body (the last one set wins); Content-Type then defaults to text/plain; charset=utf-8,
 * application/octet-stream, the negotiated media type, or application/octet-stream. Created by the app.
 */
export class Response {
  /** The status code. Default 200. */
  status = 200;
  /** Set by a before-hook to skip the responder (and the remaining before-hooks). Default false. */
  complete = false;
  /**
   * Created on the first header set or read: most responses set none, and renderResponse then hands
   * startResponse one fresh literal list, where an empty list per response cost an allocation and, on
   * the first push, a grown backing store (~3 ns per request).
   */
  #headers: HeaderList | undefined = undefined;
  // Body setters store both fields themselves rather than through a private method: a class with one
  // gives every instance a brand field to store and check, one more store per request.
  #kind: ResponseBodyKind = "none";
  #body: unknown = undefined;

  static {
    headerListOf = (response) => response.#headers;
  }

  /** The headers so far, in order (Set-Cookie lines included). */
  get headers(): readonly (readonly [string, string])[] {
    return (this.#headers ??= []);
  }

  /** Sets a header, replacing any with the same name (any case). Throws for an invalid or hop-by-hop header. */
  setHeader(name: string, value: string): this {
    checkHeader(name, value);
    const headers = this.#headers;
    if (headers === undefined) {
      this.#headers = [[name, value]];
      return this;
    }
    // Nothing to replace in an empty list: skips lower-casing the name (the usual first header).
    if (headers.length !== 0) removeHeader(headers, name.toLowerCase());
    headers.push([name, value]);
    return this;
  }

  /** Adds a header line, keeping existing ones with the same name (e.g. Link, Vary). */
  appendHeader(name: string, value: string): this {
    checkHeader(name, value);
    (this.#headers ??= []).push([name, value]);
    return this;
  }

  /** The first value of a header (any case), or undefined. */
  getHeader(name: string): string | undefined {
    const headers = this.#headers;
    if (headers === undefined) return undefined;
    const wanted = name.toLowerCase();
    for (const [headerName, value] of headers) if (headerName.toLowerCase() === wanted) return value;
    return undefined;
  }

  /** Removes every header with this name; true when one was there. */
  deleteHeader(name: string): boolean {
    const headers = this.#headers;
    return headers !== undefined && removeHeader(headers, name.toLowerCase());
  }

  /** The Content-Type header; setting it before `media` picks the media handler instead of negotiating. */
  get contentType(): string | undefined {
    return this.getHeader("content-type");
  }

  set contentType(value: string) {
    this.setHeader("Content-Type", value);
  }

  /** Adds a Set-Cookie header (RFC 6265 §4.1); the value is percent-encoded. */
  setCookie(name: string, value: string, options: CookieOptions = {}): this {
    return this.appendHeader("Set-Cookie", stringifySetCookie(name, value, options));
  }

  /** Asks the client to drop a cookie: empty value, expired (pass the same path/domain it was set with). */
  unsetCookie(name: string, options: CookieOptions = {}): this {
    return this.setCookie(name, "", { ...options, expires: new Date(0), maxAge: 0 });
  }

  /** Which body is set. */
  get bodyKind(): ResponseBodyKind {
    return this.#kind;
  }

  /** A text body, sent as UTF-8. */
  get text(): string | undefined {
    return this.#kind === "text" ? (this.#body as string) : undefined;
  }

  set text(value: string) {
    this.#kind = "text";
    this.#body = value;
  }

  /** A byte body. */
  get data(): Uint8Array | undefined {
    return this.#kind === "data" ? (this.#body as Uint8Array) : undefined;
  }

  set data(value: Uint8Array) {
    this.#kind = "data";
    this.#body = value;
  }

  /** A value rendered by a media handler chosen from Content-Type, else from the request's Accept. */
  get media(): unknown {
    return this.#kind === "media" ? this.#body : undefined;
  }

  set media(value: unknown) {
    this.#kind = "media";
    this.#body = value;
  }

  /** A streamed body (an async generator, a FileBody, any iterable of chunks); closed by the server when done. */
  get stream(): ResponseStream | undefined {
    return this.#kind === "stream" ? (this.#body as ResponseStream) : undefined;
  }

  set stream(value: ResponseStream) {
    this.#kind = "stream";
    this.#body = value;
  }

  /** Drops any body (the response is sent empty). */
  clearBody(): void {
    this.#kind = "none";
    this.#body = undefined;
  }
}
