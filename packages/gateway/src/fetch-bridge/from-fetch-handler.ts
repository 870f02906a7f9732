/**
 * fromFetchHandler: runs a WHATWG fetch handler (Hono's `app.fetch`, h3, a Workers-style handler) as a
 * gateway application on any patchbay server. It adapts only; it never frames or buffers a response.
 */
import { HOP_BY_HOP_HEADERS } from "../headers.js";
import { reasonPhrase } from "../status.js";
import type { Application, Body, HeaderList, StartResponse } from "../types.js";
import { bodyFromResponse } from "./body-from-response.js";
import { FetchBridgeError } from "./errors.js";
import { requestFromEnviron, type RequestFromEnvironOptions } from "./request-from-environ.js";
import type { FetchHandler } from "./fetch-handler.js";

/** Options for fromFetchHandler. */
export type FromFetchHandlerOptions = RequestFromEnvironOptions;

function isResponse(value: unknown): value is Response {
  if (value instanceof Response) return true;
  // A Response from another realm or polyfill: check the shape the bridge uses.
  return typeof value === "object" && value !== null && typeof (value as Response).status === "number" && typeof (value as Response).headers?.get === "function";
}

/** The Response's header fields as a gateway header list: hop-by-hop ones dropped, each Set-Cookie kept separate. */
function headerListOf(headers: Headers): HeaderList {
  const list: HeaderList = [];
  let hasSetCookie = false;
  for (const [name, value] of headers) {
    if (name === "set-cookie") hasSetCookie = true;
    else if (!HOP_BY_HOP_HEADERS.has(name)) list.push([name, value]);
  }
  // Some Headers implementations join Set-Cookie values with ", " when iterating, which breaks cookie dates (RFC 6265 §3).
  if (hasSetCookie) for (const cookie of headers.getSetCookie()) list.push(["set-cookie", cookie]);
  return list;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function";
}

function respond(response: unknown, startResponse: StartResponse, disconnect: AbortSignal | undefined): Body {
  if (!isResponse(response)) {
    throw new FetchBridgeError("ERR_FETCH_BRIDGE_INVALID_RESPONSE", `the fetch handler must return a Response, got ${response === null ? "null" : typeof response}`, { status: 500 });
  }
  const status = response.status;
  try {
    startResponse(`${status} ${response.statusText || reasonPhrase(status)}`, headerListOf(response.headers));
  } catch (error) {
    // No body will be returned, so nobody else would ever stop the handler's stream.
    response.body?.cancel(error).catch(() => undefined);
    throw error;
  }
  return bodyFromResponse(response, disconnect);
}

/**
 * Wraps a fetch handler as a gateway Application: each request becomes a Request (see requestFromEnviron),
 * and the Response's status, header fields and streamed body go back through startResponse. Closing the
 * body (client gone) cancels the Response stream; `gateway.disconnect` aborts the Request's signal and
 * cancels the Response stream at once, even while the handler is idle between chunks.
 */
export function fromFetchHandler(handler: FetchHandler, options: FromFetchHandlerOptions = {}): Application {
  return (environ, startResponse) => {
    const result: unknown = handler(requestFromEnviron(environ, options));
    const disconnect = environ["gateway.disconnect"];
    // A handler that answers synchronously gets its body back synchronously: no extra microtask.
    if (isThenable(result)) return Promise.resolve(result).then((response) => respond(response, startResponse, disconnect));
    return respond(result, startResponse, disconnect);
  };
}
