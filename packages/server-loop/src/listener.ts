/**
 * Turns one node:http request into one gateway call: IncomingMessage → environ, ServerResponse → sink,
 * the shared writer in between, then the access log. It enforces the limits node:http does not (header
 * count, request line, body size); it never frames a body or catches an app error itself (the writer does).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  createEmptyInputStream,
  createEnviron,
  createInputStream,
  runApplication,
  statusOfError,
  type Application,
  type Environ,
  type ErrorStream,
  type InputStream,
  type InputStreamOptions,
  type RunApplicationOptions,
} from "@patchbay/gateway";
import { createLoggerErrorStream, EnvironAccessRecord, type ServerOptions } from "@patchbay/server-kit";
import { limitChunkedBody, type BodyLimitState } from "./request-body.js";
import { ServerResponseSink } from "./server-response-sink.js";

/** What every request of one server shares. */
export interface LoopContext {
  /** The prepared application (static files and --env already wrapped around it). */
  readonly app: Application;
  readonly options: ServerOptions;
  /** True once a graceful stop began: responses then say `Connection: close`. */
  closing: boolean;
}

/** Where a listener's connections arrive: SERVER_NAME and SERVER_PORT of its requests. */
export interface ListenerAddress {
  serverName: string;
  serverPort: number;
}

/** Bytes of a request line beyond method and target: two spaces, "HTTP/1.1" (RFC 9112 §3). */
const REQUEST_LINE_OVERHEAD_BYTES = 10;

/** The environ key holding the sink, for the shared `gateway.disconnect` getter. */
const SINK = Symbol("patchbay.loop.sink");

/** One shared accessor, so exposing `gateway.disconnect` allocates no closure per request. */
const DISCONNECT_PROPERTY: PropertyDescriptor = {
  get(this: Environ & { [SINK]: ServerResponseSink }): AbortSignal {
    return this[SINK].disconnectSignal;
  },
  enumerable: true,
  configurable: true,
};

/**
 * Shared by every request without a body: an input stream at its end holds no per-request state
 * (every read answers "end of input" at once).
 */
const NO_BODY_INPUT: InputStream = createEmptyInputStream();

function protocolOf(version: string): string {
  return version === "1.1" ? "HTTP/1.1" : version === "1.0" ? "HTTP/1.0" : `HTTP/${version}`;
}

/** Answers a request the app must not see (a limit, a bad target) and closes the connection afterwards. */
function reject(response: ServerResponse, status: number, reason: string, detail: string): void {
  const body = `${reason}\n\n${detail}\n`;
  response.writeHead(status, reason, ["Content-Type", "text/plain; charset=utf-8", "Content-Length", String(Buffer.byteLength(body)), "Connection", "close"]);
  response.end(body);
}

/** The request handler of one bound address. */
export class RequestListener {
  readonly #context: LoopContext;
  readonly #address: ListenerAddress;
  readonly #onError: (message: string, error: unknown) => void;
  /** `gateway.errors` of every request: the server's error log, shared (it keeps no per-request state). */
  readonly #errors: ErrorStream;

  constructor(context: LoopContext, address: ListenerAddress) {
    this.#context = context;
    this.#address = address;
    const logger = context.options.logger;
    this.#onError = (message, error) => logger.error(message, error);
    this.#errors = createLoggerErrorStream(logger);
  }

  /** node:http "request" listener. */
  readonly handleRequest = (request: IncomingMessage, response: ServerResponse): void => {
    void this.#serve(request, response, false);
  };

  /**
   * node:http "checkContinue" listener: "100 Continue" is sent only when the app starts reading the body
   * (RFC 9110 §10.1.1), so an app that answers without reading spares the client the upload.
   */
  readonly handleCheckContinue = (request: IncomingMessage, response: ServerResponse): void => {
    void this.#serve(request, response, true);
  };

  async #serve(request: IncomingMessage, response: ServerResponse, expectContinue: boolean): Promise<void> {
    const context = this.#context;
    const { limits, accessLog, logger } = context.options;
    const startedAt = accessLog === null ? 0 : performance.now();
    const rawHeaders = request.rawHeaders;
    // node:http only truncates past maxHeadersCount; RFC 6585 §5 gives the refusal a status.
    if (rawHeaders.length > limits.maxHeaderCount * 2) {
      reject(response, 431, "Request Header Fields Too Large", `more than ${limits.maxHeaderCount} header fields`);
      return;
    }
    const method = request.method as string;
    const target = request.url as string;
    if (method.length + target.length + REQUEST_LINE_OVERHEAD_BYTES > limits.maxRequestLineBytes) {
      reject(response, 414, "URI Too Long", `the request line is longer than ${limits.maxRequestLineBytes} bytes`);
      return;
    }
    // llhttp parses any major version; RFC 9110 §15.6.6 gives the status for one this server does not speak.
    if (request.httpVersionMajor !== 1) {
      reject(response, 505, "HTTP Version Not Supported", "only HTTP/1.0 and HTTP/1.1 are supported");
      return;
    }
    const protocol = protocolOf(request.httpVersion);
    const socket = request.socket;
    const sink = new ServerResponseSink(response, context);
    let environ: Environ;
    try {
      environ = createEnviron({
        method,
        target,
        protocol,
        rawHeaders,
        remoteAddress: socket.remoteAddress ?? "",
        remotePort: socket.remotePort ?? 0,
        serverName: this.#address.serverName,
        serverPort: this.#address.serverPort,
        input: NO_BODY_INPUT,
        errors: this.#errors,
        multiprocess: context.options.multiprocess,
      });
    } catch (error) {
      reject(response, statusOfError(error) ?? 400, "Bad Request", (error as Error).message);
      return;
    }
    (environ as Environ & { [SINK]: ServerResponseSink })[SINK] = sink;
    Object.defineProperty(environ, "gateway.disconnect", DISCONNECT_PROPERTY);

    let limitState: BodyLimitState | undefined;
    if (environ.HTTP_TRANSFER_ENCODING !== undefined || (environ.CONTENT_LENGTH !== undefined && environ.CONTENT_LENGTH !== "0")) {
      const inputOptions: InputStreamOptions = expectContinue ? { onFirstRead: () => response.writeContinue() } : {};
      if (environ.HTTP_TRANSFER_ENCODING !== undefined) {
        // node:http (llhttp) refuses Transfer-Encoding together with Content-Length, so this body is chunked.
        limitState = { bodyTooLarge: false };
        environ["gateway.input"] = createInputStream(limitChunkedBody(request, limits.maxBodyBytes, limitState), inputOptions);
      } else {
        const contentLength = Number(environ.CONTENT_LENGTH);
        if (!Number.isSafeInteger(contentLength)) {
          reject(response, 400, "Bad Request", "invalid Content-Length");
          return;
        }
        if (contentLength > limits.maxBodyBytes) {
          reject(response, 413, "Content Too Large", `the request body is larger than the limit of ${limits.maxBodyBytes} bytes`);
          return;
        }
        inputOptions.contentLength = contentLength;
        environ["gateway.input"] = createInputStream(request as AsyncIterable<Uint8Array>, inputOptions);
      }
    }

    const runOptions: RunApplicationOptions = {
      method,
      protocol,
      keepAlive: response.shouldKeepAlive && !context.closing,
      onError: this.#onError,
    };
    let outcome;
    try {
      outcome = await runApplication(context.app, environ, sink, runOptions);
    } catch (error) {
      // runApplication never rejects for an application error; this is a bug in the writer or the sink.
      logger.error("internal error while writing a response", error);
      response.destroy();
      return;
    }
    // The rest of an over-long body is still on the wire: never parse it as the next request.
    if (limitState?.bodyTooLarge === true) socket.destroySoon();
    if (accessLog !== null) accessLog.write(new EnvironAccessRecord(environ, outcome, startedAt, performance.now()));
  }
}
