// The response a handler returns (status, headers, cookies, body) and the helpers that build it; it never reads the request.
import { getHeader, reasonPhrase } from "@patchbay/gateway";
import type { Body, Chunk, HeaderList, StartResponse } from "@patchbay/gateway";
import { stringifySetCookie } from "cookie";
import { RouteError } from "./errors.js";
import { HtmlString, renderHtml } from "./html-string.js";

/** A response body: one whole chunk (sent with Content-Length), or a sync or async iterable streamed as it comes. */
export type ResponseBody = Chunk | Iterable<Chunk> | AsyncIterable<Chunk>;

/** Status and headers for a new response. */
export interface RouteResponseInit {
  /** Default 200. */
  status?: number;
  /** Extra headers; a Content-Type here replaces the helper's default. */
  headers?: Readonly<Record<string, string>> | HeaderList;
}

/** Set-Cookie attributes (RFC 6265 §4.1). `path` defaults to "/"; nothing else is set unless given. */
export interface CookieOptions {
  /** Max-Age in seconds. */
  maxAge?: number;
  expires?: Date;
  domain?: string;
  /** Default "/". */
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: boolean | "lax" | "strict" | "none";
  partitioned?: boolean;
  priority?: "low" | "medium" | "high";
}

/** Content types the helpers set unless the init's headers give one. */
export const TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
/** text/html for `html()` and HtmlString results. */
export const HTML_CONTENT_TYPE = "text/html; charset=utf-8";
/** RFC 8259 §11: application/json has no charset parameter; it is always UTF-8. */
export const JSON_CONTENT_TYPE = "application/json";
/** The default for byte and streamed bodies. */
export const BINARY_CONTENT_TYPE = "application/octet-stream";

const statusLines = new Map<number, string>();

function statusLine(status: number): string {
  // Most responses are 200: skip the Map lookup for them. The rest is a function of its own, so this one is
  // small enough for V8 to inline into start() and the app's request path.
  return status === 200 ? "200 OK" : otherStatusLine(status);
}

function otherStatusLine(status: number): string {
  let line = statusLines.get(status);
  if (line === undefined) {
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RouteError("ERR_ROUTE_INVALID_STATUS", `a response status must be an integer 200..599, got ${String(status)}`);
    }
    line = `${status} ${reasonPhrase(status)}`;
    statusLines.set(status, line);
  }
  return line;
}

function toHeaderList(headers: RouteResponseInit["headers"], contentType: string | undefined): HeaderList {
  if (headers === undefined) return contentType === undefined ? [] : [["Content-Type", contentType]];
  const list: HeaderList = Array.isArray(headers) ? headers.map(([name, value]) => [name, value]) : Object.entries(headers);
  if (contentType !== undefined && getHeader(list, "content-type") === undefined) list.unshift(["Content-Type", contentType]);
  return list;
}

/** An HTTP response under construction. Mutable until the app sends it; header methods chain. */
export class RouteResponse {
  // `declare`d fields: without it TypeScript emits class field definitions, which store undefined into each
  // field before the constructor stores the value (twice the stores per response, and a status field that
  // first holds undefined, then a number).
  /** The status code, 200..599. */
  declare status: number;
  /** Headers in order; names keep their case. */
  declare readonly headers: HeaderList;
  declare body: ResponseBody;

  /** A response with `body` (default empty); `defaultContentType` is added unless `init.headers` has a Content-Type. */
  constructor(body: ResponseBody = "", init?: RouteResponseInit, defaultContentType?: string) {
    // `init?.` rather than an `init = {}` default: helpers called without init (`text("hi")`) allocate no object.
    const status = init?.status ?? 200;
    // Validates the status at once; 200 is always valid, so the common case skips the call.
    if (status !== 200) statusLine(status);
    this.status = status;
    const headers = init?.headers;
    // Fast path for a helper without init headers (`text("hi")`): one fresh literal pair, no empty-array copy,
    // no Content-Type search and no unshift (that general path cost ~60 ns a response in the dispatch bench).
    // Written here rather than in toHeaderList, whose size kept V8 from inlining it into the request path.
    this.headers = headers === undefined && defaultContentType !== undefined ? [["Content-Type", defaultContentType]] : toHeaderList(headers, defaultContentType);
    this.body = body;
  }

  /** The first value of header `name` (case-insensitive). */
  header(name: string): string | undefined {
    return getHeader(this.headers, name);
  }

  /** Replaces every header called `name` (case-insensitive) with one `name: value`. */
  setHeader(name: string, value: string): this {
    this.deleteHeader(name);
    this.headers.push([name, value]);
    return this;
  }

  /** Adds a header, keeping existing ones of the same name (Set-Cookie, Link, Vary). */
  appendHeader(name: string, value: string): this {
    this.headers.push([name, value]);
    return this;
  }

  /** Removes every header called `name` (case-insensitive). */
  deleteHeader(name: string): this {
    const lower = name.toLowerCase();
    for (let index = this.headers.length - 1; index >= 0; index--) {
      if ((this.headers[index] as [string, string])[0].toLowerCase() === lower) this.headers.splice(index, 1);
    }
    return this;
  }

  /** Adds a Set-Cookie header; the value is percent-encoded. Throws ERR_ROUTE_INVALID_COOKIE for a bad name or attribute. */
  setCookie(name: string, value: string, options: CookieOptions = {}): this {
    let header: string;
    try {
      header = stringifySetCookie(name, value, { path: "/", ...options });
    } catch (error) {
      throw new RouteError("ERR_ROUTE_INVALID_COOKIE", `cannot set cookie ${JSON.stringify(name)}: ${(error as Error).message}`, { cause: error });
    }
    return this.appendHeader("Set-Cookie", header);
  }

  /** Tells the client to drop a cookie: empty value, Max-Age=0 and an Expires in the past. Give the same path and domain it was set with. */
  deleteCookie(name: string, options: Omit<CookieOptions, "maxAge" | "expires"> = {}): this {
    return this.setCookie(name, "", { ...options, maxAge: 0, expires: new Date(0) });
  }

  /** Starts the gateway response and returns its body: whole chunks go as a one-element array, so the writer sends Content-Length. */
  start(startResponse: StartResponse): Body {
    startResponse(statusLine(this.status), this.headers);
    const body = this.body;
    return typeof body === "string" || body instanceof Uint8Array ? [body] : (body as Body);
  }
}

/** A text/plain; charset=utf-8 response. */
export function text(body: string, init?: RouteResponseInit): RouteResponse {
  return new RouteResponse(body, init, TEXT_CONTENT_TYPE);
}

/**
 * Two jobs under one name. As a tag, html`<p>${value}</p>` escapes every value (see `renderHtml`) and
 * returns an HtmlString. Called with markup, `html(markup, init)` returns a text/html response; the markup
 * is sent as is, so build it with the tag.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): HtmlString;
export function html(markup: HtmlString | string, init?: RouteResponseInit): RouteResponse;
export function html(first: TemplateStringsArray | HtmlString | string, ...rest: unknown[]): HtmlString | RouteResponse {
  if (typeof first === "object" && !(first instanceof HtmlString)) return renderHtml(first, rest);
  return new RouteResponse(typeof first === "string" ? first : first.value, rest[0] as RouteResponseInit | undefined, HTML_CONTENT_TYPE);
}

/** An application/json response of `JSON.stringify(value)`. */
export function json(value: unknown, init?: RouteResponseInit): RouteResponse {
  const body = JSON.stringify(value);
  if (body === undefined) throw new RouteError("ERR_ROUTE_INVALID_RESPONSE", `json() cannot serialise ${typeof value}`);
  return new RouteResponse(body, init, JSON_CONTENT_TYPE);
}

// Outside RFC 3986's visible ASCII: spaces, controls (so CR/LF cannot split the header) and non-ASCII.
const NOT_URI_TEXT = /[^\x21-\x7e]/gu;

/**
 * A redirect (RFC 9110 §15.4) to `location`, a relative or absolute URL; characters that cannot appear in a
 * URI are percent-encoded. `status` defaults to 302 and must be 300..308.
 */
export function redirect(location: string, status = 302, init?: Omit<RouteResponseInit, "status">): RouteResponse {
  if (!Number.isInteger(status) || status < 300 || status > 308) {
    throw new RouteError("ERR_ROUTE_INVALID_STATUS", `a redirect status must be 300..308, got ${String(status)}`);
  }
  const response = new RouteResponse("", { ...init, status });
  return response.setHeader("Location", location.replace(NOT_URI_TEXT, (character) => encodeURIComponent(character)));
}

/** A streamed response: chunks are sent as the iterable yields them (chunked on HTTP/1.1); default application/octet-stream. */
export function stream(body: Iterable<Chunk> | AsyncIterable<Chunk>, init?: RouteResponseInit): RouteResponse {
  return new RouteResponse(body, init, BINARY_CONTENT_TYPE);
}
