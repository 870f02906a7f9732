/**
 * Builds a WHATWG fetch Request from a gateway environ (the request half of fromFetchHandler).
 * It only translates; the body is pulled from `gateway.input` on demand, never read ahead.
 */
import { HOP_BY_HOP_HEADERS } from "../headers.js";
import type { Environ, InputStream } from "../types.js";
import { requestUri } from "../uri.js";

/** Options for requestFromEnviron. */
export interface RequestFromEnvironOptions {
  /**
   * When true the Request URL leaves out SCRIPT_NAME, so a fetch app mounted under a prefix sees the
   * paths it declares ("/users", not "/api/users"). Default false: the full URL the client asked for.
   */
  stripScriptName?: boolean;
}

/** Header names by environ key ("HTTP_ACCEPT_LANGUAGE" → "accept-language"), or null for hop-by-hop ones. */
const headerNameCache = new Map<string, string | null>();
const HEADER_NAME_CACHE_LIMIT = 1000;

function headerNameOf(key: string): string | null {
  let name = headerNameCache.get(key);
  if (name !== undefined) return name;
  const candidate = key.slice(5).toLowerCase().replaceAll("_", "-");
  // The connection's own fields stay with the connection (RFC 9110 §7.6.1); the body is already de-chunked.
  name = HOP_BY_HOP_HEADERS.has(candidate) ? null : candidate;
  if (headerNameCache.size < HEADER_NAME_CACHE_LIMIT) headerNameCache.set(key, name);
  return name;
}

/** The request header fields an environ describes: HTTP_* keys back to names, plus Content-Type and Content-Length. */
function headersOf(environ: Environ): [string, string][] {
  const headers: [string, string][] = [];
  for (const key in environ) {
    if (!key.startsWith("HTTP_")) continue;
    const value = environ[key];
    if (typeof value !== "string") continue;
    const name = headerNameOf(key);
    if (name !== null) headers.push([name, value]);
  }
  if (environ.CONTENT_TYPE !== undefined && environ.CONTENT_TYPE !== "") headers.push(["content-type", environ.CONTENT_TYPE]);
  if (environ.CONTENT_LENGTH !== undefined && environ.CONTENT_LENGTH !== "") headers.push(["content-length", environ.CONTENT_LENGTH]);
  return headers;
}

/** Whether the request has a body: a non-zero Content-Length, or chunked (RFC 9112 §6.3); never for GET or HEAD. */
function hasBody(environ: Environ): boolean {
  const method = environ.REQUEST_METHOD;
  // The fetch Request constructor refuses a body for these two.
  if (method === "GET" || method === "HEAD") return false;
  const length = environ.CONTENT_LENGTH;
  if (length !== undefined && length !== "") return length !== "0";
  return environ.HTTP_TRANSFER_ENCODING !== undefined;
}

/** A ReadableStream pulling `gateway.input` one chunk per consumer read: no read-ahead, so backpressure reaches the client. */
function inputStreamBody(input: InputStream): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= input[Symbol.asyncIterator]();
        const next = await iterator.next();
        if (next.done === true) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await iterator?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Builds the Request for `environ`: URL from requestUri(), method, header fields from HTTP_* keys
 * (hop-by-hop ones left out), a streamed body from `gateway.input` when the request has one (`duplex: "half"`),
 * and `gateway.disconnect` as its signal.
 */
export function requestFromEnviron(environ: Environ, options: RequestFromEnvironOptions = {}): Request {
  const url = options.stripScriptName === true && environ.SCRIPT_NAME !== "" ? requestUri({ ...environ, SCRIPT_NAME: "" }) : requestUri(environ);
  const init: RequestInit = { method: environ.REQUEST_METHOD, headers: headersOf(environ) };
  if (hasBody(environ)) {
    init.body = inputStreamBody(environ["gateway.input"]);
    // Node's fetch requires duplex "half" for a streamed body: the request is sent before the response is read.
    init.duplex = "half";
  }
  const disconnect = environ["gateway.disconnect"];
  if (disconnect !== undefined) init.signal = disconnect;
  return new Request(url, init);
}
