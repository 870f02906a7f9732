/**
 * Builds a gateway environ from a WHATWG fetch Request (the request half of toFetchHandler).
 * It only translates; it never runs an application or reads the body ahead of the application.
 */
import { createEnviron } from "../environ.js";
import { createEmptyInputStream, createInputStream } from "../input-stream.js";
import type { Environ, ErrorStream, InputStream } from "../types.js";

/** How to fill the environ keys a Request does not carry. */
export interface EnvironFromRequestOptions {
  /** REMOTE_ADDR: a fixed address, or a function asking the runtime (e.g. Bun's `server.requestIP`). Default "127.0.0.1". */
  remoteAddress?: string | ((request: Request) => string | undefined);
  /** REMOTE_PORT. Default 0 (unknown). */
  remotePort?: number;
  /** Mount point moved from the path into SCRIPT_NAME (no trailing "/"). Default "". */
  scriptName?: string;
  /** `gateway.errors`. Default: process.stderr. */
  errors?: ErrorStream;
  /** Extra environ keys under their own prefix, copied last. */
  extra?: Readonly<Record<string, unknown>>;
}

const DEFAULT_REMOTE_ADDRESS = "127.0.0.1";
const CONTENT_LENGTH_PATTERN = /^\d+$/;

/** The parts of a serialised URL that the environ needs. */
interface UrlParts {
  https: boolean;
  authority: string;
  hostname: string;
  port: number;
  target: string;
}

/**
 * Splits `request.url` without a URL object: it is already a WHATWG-serialised absolute URL
 * (no userinfo: the Request constructor refuses it), so its shape is fixed: scheme "://" authority path.
 */
function splitUrl(url: string): UrlParts {
  const https = url.startsWith("https:");
  const authorityStart = url.indexOf("://") + 3;
  let pathStart = url.indexOf("/", authorityStart);
  if (pathStart === -1) pathStart = url.length;
  const authority = url.slice(authorityStart, pathStart);
  let target = pathStart === url.length ? "/" : url.slice(pathStart);
  // The fragment is the client's business and never part of a request target (RFC 9112 §3.2).
  const hash = target.indexOf("#");
  if (hash !== -1) target = target.slice(0, hash);
  // The port colon is the last one, after the closing bracket of an IPv6 literal.
  const colon = authority.lastIndexOf(":");
  const hasPort = colon !== -1 && colon > authority.lastIndexOf("]");
  const hostname = hasPort ? authority.slice(0, colon) : authority;
  // WHATWG serialisation omits the scheme's default port.
  const port = hasPort ? Number(authority.slice(colon + 1)) : https ? 443 : 80;
  return { https, authority, hostname, port, target };
}

/** Reads a ReadableStream through one reader, lazily, as the input stream's source. */
function readerSource(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const reader = stream.getReader();
      return {
        // A stream read result already has the iterator-result shape: no wrapping per chunk.
        next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
        return: async () => {
          await reader.cancel();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * Builds the environ for `request`: method, target and server name/port from the URL, one HTTP_* key per
 * header (Host added from the URL when absent), `gateway.input` pulling from the body stream on demand, and
 * `request.signal` as `gateway.disconnect`.
 * Throws a 400 GatewayError when the path cannot be percent-decoded.
 */
export function environFromRequest(request: Request, options: EnvironFromRequestOptions = {}): Environ {
  const url = splitUrl(request.url);
  const rawHeaders: string[] = [];
  let hasHost = false;
  let isChunked = false;
  let contentLength: string | undefined;
  for (const [name, value] of request.headers) {
    // Headers yields lower-case names.
    if (name === "host") hasHost = true;
    else if (name === "content-length") contentLength = value;
    else if (name === "transfer-encoding") isChunked = true;
    rawHeaders.push(name, value);
  }
  // RFC 9112 §3.2: an HTTP/1.1 request carries Host; a Request built by hand often does not.
  if (!hasHost) rawHeaders.push("host", url.authority);
  let input: InputStream;
  const body = request.body;
  if (body === null) {
    input = createEmptyInputStream();
  } else {
    if (contentLength !== undefined && CONTENT_LENGTH_PATTERN.test(contentLength)) {
      input = createInputStream(readerSource(body), { contentLength: Number(contentLength) });
    } else {
      // A body of unknown length travels chunked in HTTP/1.1 (RFC 9112 §6.1); say so, as a server would.
      if (!isChunked) rawHeaders.push("transfer-encoding", "chunked");
      input = createInputStream(readerSource(body));
    }
  }
  const remoteAddress = options.remoteAddress;
  const address = typeof remoteAddress === "function" ? remoteAddress(request) : remoteAddress;
  const environ = createEnviron({
    method: request.method,
    target: url.target,
    protocol: "HTTP/1.1",
    rawHeaders,
    remoteAddress: address ?? DEFAULT_REMOTE_ADDRESS,
    remotePort: options.remotePort ?? 0,
    serverName: url.hostname,
    serverPort: url.port,
    urlScheme: url.https ? "https" : "http",
    input,
    errors: options.errors,
    scriptName: options.scriptName,
    extra: options.extra,
  });
  environ["gateway.disconnect"] = request.signal;
  return environ;
}
