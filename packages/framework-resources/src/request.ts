// The request a responder sees: a lazy, read-only view over the environ plus body readers; it never writes a response.
import { environKeyForHeader, requestUri } from "@patchbay/gateway";
import type { Environ, InputStream } from "@patchbay/gateway";
import { parseCookie } from "cookie";
import { HTTPUnsupportedMediaType } from "./http-errors.js";
import type { MediaHandlers } from "./media-handler.js";
import { readBody } from "./read-body.js";
import type { RouteParams } from "./router.js";

/** What a request needs from its app. */
export interface RequestSettings {
  /** Body size limit for bytes(), text() and getMedia(). */
  maxBodyBytes: number;
  media: MediaHandlers;
}

const UTF8_DECODER = new TextDecoder("utf-8");
const HEADER_KEY_PREFIX = "HTTP_";

/** What a Request computes on first use and keeps (all fields set in the constructor: one shape). */
class RequestCache {
  query: URLSearchParams | undefined = undefined;
  headers: Readonly<Record<string, string>> | undefined = undefined;
  cookies: Readonly<Record<string, string>> | undefined = undefined;
  context: Record<string, unknown> | undefined = undefined;
  body: Promise<Uint8Array> | undefined = undefined;
  media: Promise<unknown> | undefined = undefined;
}

/**
 * One request. Everything beyond method, path and params is computed on first use (query, headers,
 * cookies, body, media), so a responder pays only for what it reads. Created by the app.
 */
export class Request {
  // `declare`d public fields: TypeScript would otherwise emit class field definitions, a store of
  // undefined per field per request before the constructor's own (~2 ns per request).
  /** The gateway environ, for anything this class does not expose (server keys, `gateway.disconnect`). */
  declare readonly environ: Environ;
  /** REQUEST_METHOD, upper-case as sent. */
  declare readonly method: string;
  /** The percent-decoded path below the mount point (PATH_INFO; "/" when empty). */
  declare readonly path: string;
  /** Route parameters, converted ("{id:int}" gives a number). */
  declare readonly params: RouteParams;
  /** The URI template of the matched route, e.g. "/things/{id:int}". */
  declare readonly uriTemplate: string;
  readonly #settings: RequestSettings;
  // No private methods or accessors in this class (getMedia's work is the module function parseMedia): a
  // class with one gives every instance a brand field to store and check, one more store per request.
  /**
   * Everything computed on first use, in one object made on first use: most requests read none of it,
   * and six undefined fields per request cost their stores and 48 bytes (~1.5 ns per request).
   */
  #cache: RequestCache | undefined = undefined;

  /** Wraps `environ` for the route that matched it. */
  constructor(environ: Environ, params: RouteParams, uriTemplate: string, settings: RequestSettings) {
    this.environ = environ;
    this.method = environ.REQUEST_METHOD;
    // PATH_INFO is a string: only "" is falsy. (Shorter bytecode than a comparison, for the inlining budget.)
    this.path = environ.PATH_INFO || "/";
    this.params = params;
    this.uriTemplate = uriTemplate;
    this.#settings = settings;
  }

  /** The mount point (SCRIPT_NAME), "" at the root. */
  get scriptName(): string {
    return this.environ.SCRIPT_NAME;
  }

  /** The raw query string, without "?". */
  get queryString(): string {
    return this.environ.QUERY_STRING;
  }

  /** The parsed query string ("+" is a space); `request.query.get("name")`, `.getAll("tag")`. */
  get query(): URLSearchParams {
    const lazy = (this.#cache ??= new RequestCache());
    return (lazy.query ??= new URLSearchParams(this.environ.QUERY_STRING));
  }

  /** The full request URL (scheme, host, mount point, path, query), as wsgiref's request_uri. */
  get url(): string {
    return requestUri(this.environ);
  }

  /** One request header by name (any case); repeated headers come joined with ", " (Cookie with "; "). */
  getHeader(name: string): string | undefined {
    const key = environKeyForHeader(name);
    if (key === null) return undefined;
    const value = this.environ[key];
    return typeof value === "string" ? value : undefined;
  }

  /** All request headers by lower-case name. Names with "_" never reach the environ (spoofing guard). */
  get headers(): Readonly<Record<string, string>> {
    const lazy = (this.#cache ??= new RequestCache());
    if (lazy.headers !== undefined) return lazy.headers;
    const headers: Record<string, string> = {};
    const environ = this.environ;
    if (environ.CONTENT_TYPE !== undefined) headers["content-type"] = environ.CONTENT_TYPE;
    if (environ.CONTENT_LENGTH !== undefined) headers["content-length"] = environ.CONTENT_LENGTH;
    for (const key of Object.keys(environ)) {
      const value = environ[key];
      if (key.startsWith(HEADER_KEY_PREFIX) && typeof value === "string") headers[key.slice(HEADER_KEY_PREFIX.length).toLowerCase().replaceAll("_", "-")] = value;
    }
    return (lazy.headers = headers);
  }

  /** CONTENT_TYPE, with its parameters, or undefined. */
  get contentType(): string | undefined {
    const value = this.environ.CONTENT_TYPE;
    return value === undefined || value === "" ? undefined : value;
  }

  /** CONTENT_LENGTH as a number, or undefined for a chunked or absent body. */
  get contentLength(): number | undefined {
    const value = this.environ.CONTENT_LENGTH;
    return value === undefined || value === "" ? undefined : Number(value);
  }

  /** The Accept header, "*\/*" when absent (RFC 9110 §12.5.1: no Accept means any type). */
  get accept(): string {
    return this.environ.HTTP_ACCEPT ?? "*/*";
  }

  /** Request cookies by name (RFC 6265 §5.4), values percent-decoded. */
  get cookies(): Readonly<Record<string, string>> {
    const lazy = (this.#cache ??= new RequestCache());
    if (lazy.cookies !== undefined) return lazy.cookies;
    const header = this.environ.HTTP_COOKIE;
    const cookies: Record<string, string> = {};
    if (header !== undefined) {
      for (const [name, value] of Object.entries(parseCookie(header))) if (value !== undefined) cookies[name] = value;
    }
    return (lazy.cookies = cookies);
  }

  /** State hooks share with responders (Falcon's req.context); a fresh object per request. */
  get context(): Record<string, unknown> {
    const lazy = (this.#cache ??= new RequestCache());
    return (lazy.context ??= {});
  }

  /**
   * The raw body stream (gateway.input) for large uploads, read without the app's size limit.
   * Use either the stream or bytes()/text()/getMedia(), not both.
   */
  get stream(): InputStream {
    return this.environ["gateway.input"];
  }

  /** The whole body, at most the app's maxBodyBytes (HTTPPayloadTooLarge otherwise); read once, cached. */
  bytes(): Promise<Uint8Array> {
    const lazy = (this.#cache ??= new RequestCache());
    return (lazy.body ??= readBody(this.environ, this.#settings.maxBodyBytes));
  }

  /** The whole body decoded as UTF-8 (invalid bytes become U+FFFD). */
  async text(): Promise<string> {
    return UTF8_DECODER.decode(await this.bytes());
  }

  /**
   * The body parsed by the media handler for its Content-Type (JSON and urlencoded forms built in):
   * no or unknown Content-Type → HTTPUnsupportedMediaType (415), malformed → HTTPBadRequest (400), too
   * large → HTTPPayloadTooLarge (413). Parsed once and cached. `T` is asserted, not checked: validate it.
   */
  getMedia<T = unknown>(): Promise<T> {
    const lazy = (this.#cache ??= new RequestCache());
    return (lazy.media ??= parseMedia(this, this.#settings.media)) as Promise<T>;
  }

}

/** Request.getMedia's work: the body parsed by the handler for the request's Content-Type (415 when none). */
async function parseMedia(request: Request, media: MediaHandlers): Promise<unknown> {
  const contentType = request.contentType;
  const supported = media.types.join(", ");
  if (contentType === undefined) throw new HTTPUnsupportedMediaType({ detail: `the request has no Content-Type; supported: ${supported}`, extensions: { supported: media.types } });
  const match = media.forContentType(contentType);
  if (match === undefined) throw new HTTPUnsupportedMediaType({ detail: `cannot read ${contentType}; supported: ${supported}`, extensions: { supported: media.types } });
  return match.handler.deserialize(await request.bytes(), contentType);
}
