/**
 * toFetchHandler: runs a gateway application where a WHATWG fetch handler is expected (Hono-style
 * `app.fetch`, Bun.serve, Deno.serve, srvx, Workers). It adapts only; the shared writer does the HTTP work.
 */
import { inspect } from "node:util";
import { statusOfError } from "../errors.js";
import { isHopByHopHeader } from "../headers.js";
import type { ResponseHead } from "../response-sink.js";
import { runApplication } from "../response-writer.js";
import type { Application, Environ, ErrorStream } from "../types.js";
import { environFromRequest, type EnvironFromRequestOptions } from "./environ-from-request.js";
import { ReadableStreamSink } from "./readable-stream-sink.js";

/** Options for toFetchHandler. */
export interface ToFetchHandlerOptions extends EnvironFromRequestOptions {
  /** Value of the Server header the writer adds; null adds none (the host runtime owns it). Default null. */
  serverHeader?: string | null;
  /** Bytes of response body that may wait unread before the application is paused. Default 64 KiB. */
  highWaterMarkBytes?: number;
  /** Receives application errors. Default: written with their stack to `errors` (process.stderr). */
  onError?: (message: string, error: unknown) => void;
}

/** Status reported when the client left before the application sent a head (nginx's 499; nobody reads it). */
const CLIENT_CLOSED_REQUEST_STATUS = 499;

function reportTo(errors: ErrorStream | undefined): (message: string, error: unknown) => void {
  return (message, error) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : error === undefined ? "" : inspect(error);
    const text = detail === "" ? `${message}\n` : `${message}: ${detail}\n`;
    if (errors === undefined) process.stderr.write(text);
    else errors.write(text);
  };
}

/** The writer's head as a fetch Response; hop-by-hop fields (Transfer-Encoding, Connection) belong to the runtime's connection. */
function toResponse(head: ResponseHead, body: ReadableStream<Uint8Array> | null): Response {
  const headers = new Headers();
  for (const [name, value] of head.headers) {
    // append, never set: each Set-Cookie must stay its own field (RFC 6265 §3).
    if (!isHopByHopHeader(name)) headers.append(name, value);
  }
  return new Response(body, { status: head.status, statusText: head.reason, headers });
}

function errorResponse(status: number): Response {
  return new Response(status === 400 ? "Bad Request\n" : "Internal Server Error\n", { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/**
 * Wraps `app` as a fetch handler. The returned promise resolves as soon as the head is sent; the body
 * then streams with backpressure. Cancelling the Response body (client gone) or aborting `request.signal`
 * aborts `gateway.disconnect` and makes the writer stop and close the application's body.
 */
export function toFetchHandler(app: Application, options: ToFetchHandlerOptions = {}): (request: Request) => Promise<Response> {
  const onError = options.onError ?? reportTo(options.errors);
  const serverHeader = options.serverHeader === undefined ? null : options.serverHeader;
  return (request) =>
    new Promise<Response>((resolve, reject) => {
      const requestSignal = request.signal;
      // The client left before we started: nobody would read what the app produces.
      if (requestSignal.aborted) {
        resolve(new Response(null, { status: CLIENT_CLOSED_REQUEST_STATUS }));
        return;
      }
      const disconnect = new AbortController();
      let environ: Environ;
      try {
        environ = environFromRequest(request, options);
      } catch (error) {
        const status = statusOfError(error) ?? 500;
        if (status >= 500) onError("could not build the environ", error);
        resolve(errorResponse(status));
        return;
      }
      // Aborted by the request's signal and by a cancelled body alike: both mean the client is gone.
      environ["gateway.disconnect"] = disconnect.signal;
      let settled = false;
      const sink = new ReadableStreamSink({
        highWaterMarkBytes: options.highWaterMarkBytes,
        onHead: (head, body) => {
          settled = true;
          resolve(toResponse(head, body));
        },
        onCancel: (reason) => disconnect.abort(reason),
      });
      const onRequestAbort = (): void => {
        // Client gone first: whatever the abort wakes up must already see it.
        sink.markClientGone(requestSignal.reason);
        disconnect.abort(requestSignal.reason);
      };
      requestSignal.addEventListener("abort", onRequestAbort, { once: true });
      runApplication(app, environ, sink, { method: request.method, protocol: "HTTP/1.1", keepAlive: true, serverHeader, onError }).then(
        () => {
          // Once the response is written, a late abort of the request's signal is no disconnect.
          requestSignal.removeEventListener("abort", onRequestAbort);
          if (!settled) resolve(new Response(null, { status: CLIENT_CLOSED_REQUEST_STATUS }));
        },
        (error: unknown) => {
          requestSignal.removeEventListener("abort", onRequestAbort);
          reject(error);
        },
      );
    });
}
