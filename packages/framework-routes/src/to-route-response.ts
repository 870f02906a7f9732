// Turns whatever a handler returned into a RouteResponse; it decides content types by value kind, nothing else.
import type { Chunk } from "@patchbay/gateway";
import { RouteError } from "./errors.js";
import { HtmlString } from "./html-string.js";
import { BINARY_CONTENT_TYPE, HTML_CONTENT_TYPE, JSON_CONTENT_TYPE, RouteResponse, TEXT_CONTENT_TYPE } from "./route-response.js";

/**
 * What a handler, hook or error handler may return: a RouteResponse; an HtmlString (text/html); a string
 * (text/plain); bytes or an async iterable (application/octet-stream, the latter streamed); a plain object
 * or an array (JSON).
 */
export type RouteResult = RouteResponse | HtmlString | string | Uint8Array | AsyncIterable<Chunk> | readonly unknown[] | { readonly [key: string]: unknown };

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Converts a handler's result; throws ERR_ROUTE_INVALID_RESPONSE (a 500) for anything else, such as undefined. */
export function toRouteResponse(result: unknown): RouteResponse {
  if (result instanceof RouteResponse) return result;
  if (typeof result === "string") return new RouteResponse(result, undefined, TEXT_CONTENT_TYPE);
  if (typeof result === "object" && result !== null) {
    if (result instanceof HtmlString) return new RouteResponse(result.value, undefined, HTML_CONTENT_TYPE);
    if (result instanceof Uint8Array) return new RouteResponse(result, undefined, BINARY_CONTENT_TYPE);
    if (Array.isArray(result) || isPlainObject(result)) return new RouteResponse(JSON.stringify(result), undefined, JSON_CONTENT_TYPE);
    if (typeof (result as AsyncIterable<Chunk>)[Symbol.asyncIterator] === "function") return new RouteResponse(result as AsyncIterable<Chunk>, undefined, BINARY_CONTENT_TYPE);
  }
  const kind = result === null ? "null" : typeof result === "object" ? `a ${(result as object).constructor?.name ?? "object"}` : typeof result;
  throw new RouteError("ERR_ROUTE_INVALID_RESPONSE", `a handler returned ${kind}; return a RouteResponse (text(), html(), json(), …), a string, bytes, an async iterable, or a plain object or array for JSON`);
}
