/**
 * `ctx.request`: a read-only view of the request held in the gateway environ. Everything is derived
 * lazily from the environ, so a request that never looks at its query or headers never parses them.
 */
import { environKeyForHeader, requestUri, type Environ, type InputStream } from "@patchbay/gateway";
import { parseMediaType } from "./media-type.js";
import { parseUrlEncoded, type FormFields } from "./url-encoded.js";

/** The request of one chain run. Created by the app once per request. */
export class ChainRequest {
  /** The gateway environ this request was built from (PEP 3333 keys, HTTP_*, gateway.*, server keys). */
  readonly environ: Environ;
  /** The parsed body, once a body parser ran (see bodyParser); undefined before, or without a body. */
  body: unknown = undefined;
  #query: FormFields | undefined;
  #headers: Readonly<Record<string, string>> | undefined;

  constructor(environ: Environ) {
    this.environ = environ;
  }

  /** The request method, upper-case as received ("GET"). */
  get method(): string {
    return this.environ.REQUEST_METHOD;
  }

  /** The path below the app's mount point (PATH_INFO, percent-decoded); "/" when empty. */
  get path(): string {
    return this.environ.PATH_INFO || "/";
  }

  /** The raw query string, without "?" ("" when there is none). */
  get querystring(): string {
    return this.environ.QUERY_STRING;
  }

  /** "?" plus the query string, or "". */
  get search(): string {
    const query = this.environ.QUERY_STRING;
    return query === "" ? "" : `?${query}`;
  }

  /** The parsed query: one string per name, an array for a repeated name. Parsed once, on first use. */
  get query(): Readonly<FormFields> {
    this.#query ??= parseUrlEncoded(this.environ.QUERY_STRING);
    return this.#query;
  }

  /** The raw request target as received ("/a%20b?x=1"), including the mount point. */
  get url(): string {
    return this.environ.REQUEST_URI;
  }

  /** The full request URL reconstructed from the environ (PEP 3333 "URL Reconstruction"). */
  get href(): string {
    return requestUri(this.environ);
  }

  /** The request headers with lower-case names (from CONTENT_TYPE, CONTENT_LENGTH and HTTP_* keys). */
  get headers(): Readonly<Record<string, string>> {
    this.#headers ??= collectHeaders(this.environ);
    return this.#headers;
  }

  /**
   * A request header's value (any case), or undefined. "Referrer" and "Referer" are the same header.
   * Repeated headers arrive joined with ", " (Cookie with "; "), as the gateway combines them.
   */
  get(name: string): string | undefined {
    const key = environKeyForHeader(name.length === 8 && name.toLowerCase() === "referrer" ? "referer" : name);
    if (key === null) return undefined;
    const value = this.environ[key];
    return typeof value === "string" ? value : undefined;
  }

  /** The Host header, or SERVER_NAME[:SERVER_PORT] when the client sent none. */
  get host(): string {
    const host = this.environ.HTTP_HOST;
    if (host !== undefined && host !== "") return host;
    const port = this.environ.SERVER_PORT;
    const defaultPort = this.environ["gateway.url_scheme"] === "https" ? "443" : "80";
    return port === defaultPort ? this.environ.SERVER_NAME : `${this.environ.SERVER_NAME}:${port}`;
  }

  /** "http" or "https" (gateway.url_scheme). */
  get protocol(): "http" | "https" {
    return this.environ["gateway.url_scheme"];
  }

  /** True for https. */
  get secure(): boolean {
    return this.environ["gateway.url_scheme"] === "https";
  }

  /** The client address (REMOTE_ADDR). */
  get ip(): string {
    return this.environ.REMOTE_ADDR;
  }

  /** The media type of the request body without parameters, lower-cased ("" when absent). */
  get type(): string {
    return parseMediaType(this.environ.CONTENT_TYPE).type;
  }

  /** The charset parameter of the Content-Type, lower-cased, or undefined. */
  get charset(): string | undefined {
    return parseMediaType(this.environ.CONTENT_TYPE).charset;
  }

  /** The declared Content-Length, or undefined (absent, chunked, or not a number). */
  get length(): number | undefined {
    const value = this.environ.CONTENT_LENGTH;
    if (value === undefined || value === "") return undefined;
    const length = Number(value);
    return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
  }

  /** True when the request carries a body: a non-zero Content-Length or a Transfer-Encoding (RFC 9112 §6.3). */
  get hasBody(): boolean {
    if (this.environ.HTTP_TRANSFER_ENCODING !== undefined) return true;
    const value = this.environ.CONTENT_LENGTH;
    return value !== undefined && value !== "" && value !== "0";
  }

  /** The raw body stream (gateway.input); read it yourself instead of using a body parser. */
  get stream(): InputStream {
    return this.environ["gateway.input"];
  }
}

function collectHeaders(environ: Environ): Readonly<Record<string, string>> {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  if (environ.CONTENT_TYPE !== undefined) headers["content-type"] = environ.CONTENT_TYPE;
  if (environ.CONTENT_LENGTH !== undefined) headers["content-length"] = environ.CONTENT_LENGTH;
  for (const key in environ) {
    if (!key.startsWith("HTTP_")) continue;
    const value = environ[key];
    if (typeof value === "string") headers[key.slice(5).toLowerCase().replaceAll("_", "-")] = value;
  }
  return headers;
}
