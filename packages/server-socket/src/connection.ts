/**
 * One client connection: feeds the parser, runs one request at a time through the shared writer so responses
 * leave in request order (pipelined requests wait in the read buffer), applies backpressure both ways, and
 * decides keep-alive, 100-continue, timeouts and closing. It never frames a response (the writer and the
 * sink do), never parses bytes itself (the parser does), and never listens (the server does).
 */
import type { Socket } from "node:net";
import {
  createEmptyInputStream,
  createEnviron,
  createInputStream,
  runApplication,
  statusOfError,
  type Application,
  type Environ,
  type InputStream,
  type ResponseOutcome,
  type RunApplicationOptions,
} from "@patchbay/gateway";
import type { ServerOptions } from "@patchbay/server-kit";
import { AccessEntry } from "./access-entry.js";
import { createBodyDecoder, type BodyDecoder } from "./body-decoder.js";
import { SocketError } from "./errors.js";
import { formatErrorResponse } from "./error-response.js";
import { hasUnsupportedExpectation } from "./expectation.js";
import { RequestParser, type RequestHead } from "./parser.js";
import { RequestBody, type RequestBodyOwner } from "./request-body.js";
import { SocketSink } from "./socket-sink.js";

/** What every connection of one server shares. */
export interface ServerState {
  /** The prepared application (static files and --env already wrapped around it). */
  readonly app: Application;
  readonly options: ServerOptions;
  /** True once a graceful stop began: responses then say "Connection: close". */
  closing: boolean;
  /** Receives application and connection errors for the error log. */
  readonly onError: (message: string, error: unknown) => void;
}

/** Where a connection arrived: SERVER_NAME and SERVER_PORT of its requests. */
export interface ListenerAddress {
  readonly serverName: string;
  readonly serverPort: number;
}

/**
 * Most unread body bytes read and dropped after a response so the connection can carry another request
 * (as node:http and waitress do); a larger rest closes the connection instead.
 */
export const MAX_DRAIN_BYTES = 256 * 1024;
/**
 * Most bytes of pipelined requests held while a response is in progress; past it the socket stops being
 * read until the response is done (they are parsed only then, in order).
 */
export const MAX_PIPELINED_BYTES = 64 * 1024;
/**
 * After the server ends its side, the time the client has to close its own before the socket is destroyed.
 * Meanwhile incoming bytes are read and dropped (never parsed), so the kernel does not answer them with a
 * reset that could destroy the response on its way (the "lingering close" of Apache and nginx).
 */
export const LINGER_MS = 2000;

const INPUT_HEAD = 0;
const INPUT_BODY = 1;
const INPUT_HOLD = 2;
const INPUT_DRAIN = 3;
const INPUT_STOPPED = 4;

const TIMEOUT_NONE = 0;
const TIMEOUT_HEAD = 1;
const TIMEOUT_IDLE = 2;
const TIMEOUT_BODY = 3;
const TIMEOUT_LINGER = 4;

/** The environ key pointing back to the connection, for the shared `gateway.disconnect` getter. */
const CONNECTION = Symbol("patchbay.socket.connection");

type ConnectionEnviron = Environ & { [CONNECTION]: Connection };

/** One shared accessor, so offering `gateway.disconnect` allocates nothing per request until an app reads it. */
const DISCONNECT_PROPERTY: PropertyDescriptor = {
  get(this: ConnectionEnviron): AbortSignal {
    return this[CONNECTION].disconnectSignalFor(this);
  },
  enumerable: true,
  configurable: true,
};

/** The reason of an aborted `gateway.disconnect`. */
const DISCONNECT_MESSAGE = "the client closed the connection before the response was complete";

/** The signal an app gets when it asks after its response finished: that response can no longer be cut off. */
const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/** Shared by every request without a body: an input at its end holds no per-request state. */
const NO_BODY_INPUT: InputStream = createEmptyInputStream();

/**
 * The state machine of one socket. Input moves HEAD → (BODY →) HOLD → HEAD for each request; DRAIN drops an
 * unread body after a response; STOPPED reads and drops everything (after an error or when closing), so no
 * byte after a framing error is ever parsed as a request.
 */
export class Connection implements RequestBodyOwner {
  readonly #socket: Socket;
  readonly #state: ServerState;
  readonly #address: ListenerAddress;
  readonly #parser: RequestParser;
  readonly #sink: SocketSink;
  readonly #remoteAddress: string;
  readonly #remotePort: number;
  /** Reused for every request: the writer of the previous request has finished when the next one starts. */
  readonly #runOptions: RunApplicationOptions;

  #input = INPUT_HEAD;
  /** Received bytes not yet handed to the parser or decoder (pipelined requests, a body in transit). */
  #pending: Buffer | undefined;
  #pendingOffset = 0;
  #paused = false;
  #readEnded = false;
  #closed = false;
  #endSent = false;

  #responding = false;
  #decoder: BodyDecoder | undefined;
  #body: RequestBody | undefined;
  #drainBudget = 0;
  #continuePending = false;
  #environ: ConnectionEnviron | undefined;
  #disconnect: AbortController | undefined;
  #requestStartedAt = 0;
  #accessStartedAt = 0;
  #headStarted = false;

  /** Absolute time (Date.now()) when #timeoutKind fires; 0 for none. Checked by the server's sweep. */
  #deadline = 0;
  #timeoutKind = TIMEOUT_NONE;

  readonly #onResponseDone = (outcome: ResponseOutcome): void => {
    this.#finishResponse(outcome);
  };
  readonly #onResponseFailed = (error: unknown): void => {
    // runApplication never rejects for an application error: this is a bug in the writer or the sink.
    this.#state.onError("internal error while writing a response", error);
    this.#responding = false;
    this.#socket.destroy();
  };
  readonly #onFirstRead = (): void => {
    this.#sendContinue();
  };

  constructor(socket: Socket, state: ServerState, address: ListenerAddress) {
    this.#socket = socket;
    this.#state = state;
    this.#address = address;
    this.#parser = new RequestParser(state.options.limits);
    this.#sink = new SocketSink(socket);
    this.#remoteAddress = socket.remoteAddress ?? "";
    this.#remotePort = socket.remotePort ?? 0;
    this.#runOptions = { method: "GET", protocol: "HTTP/1.1", keepAlive: true, onError: state.onError };
    this.#setTimeout(TIMEOUT_HEAD, state.options.timeouts.headersMs);
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    socket.on("end", () => this.#onEnd());
    socket.on("close", () => this.#onClose());
    socket.on("error", (error: Error) => this.#onSocketError(error));
  }

  /** True while no request is in progress and no byte of a next one has arrived: closing now loses nothing. */
  get isIdle(): boolean {
    return this.#input === INPUT_HEAD && !this.#responding && !this.#headStarted;
  }

  /** True once the socket has closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Graceful stop: an idle connection closes now; a busy one after its response (which says "Connection: close"). */
  stopGracefully(): void {
    if (this.#closed) return;
    if (this.isIdle) {
      this.#closeGracefully();
      return;
    }
    if (this.#responding && !this.#sink.headSent) this.#sink.closeAfterResponse = true;
  }

  /** Forced stop: the socket goes now. */
  destroy(): void {
    this.#socket.destroy();
  }

  /** Called by the server's sweep: fires the timeout whose deadline has passed. */
  checkTimeout(now: number): void {
    if (this.#deadline === 0 || now < this.#deadline) return;
    const kind = this.#timeoutKind;
    this.#deadline = 0;
    this.#timeoutKind = TIMEOUT_NONE;
    switch (kind) {
      case TIMEOUT_HEAD:
        // A silent connection is closed; a partial head is answered (RFC 9110 §15.5.9: 408, then close).
        if (this.#headStarted) this.#refuse(408, "the request head did not arrive in time", undefined);
        else this.#closeGracefully();
        return;
      case TIMEOUT_IDLE:
        this.#closeGracefully();
        return;
      case TIMEOUT_BODY:
        if (this.#input === INPUT_DRAIN) {
          this.#closeGracefully();
          return;
        }
        if (this.#paused) {
          // The app is not reading: the client is not the one holding the body up. Look again later.
          this.#deadline = now + 1;
          this.#timeoutKind = TIMEOUT_BODY;
          return;
        }
        this.#refuse(408, "the request body did not arrive in time", new SocketError("ERR_SOCKET_BODY_TIMEOUT", "the request body did not arrive in time", { status: 408 }));
        return;
      case TIMEOUT_LINGER:
        this.#socket.destroy();
        return;
    }
  }

  /**
   * `gateway.disconnect` of `environ`: aborted when the connection closes, or the client ends its side (FIN),
   * before its response has finished. A FIN cannot be told apart from a client that went away (TCP says
   * nothing until a write fails), so, like Go's net/http request context, it counts as a disconnect; the
   * response is still written should the app go on (a half-closed client gets it).
   * Created on first use, so an app that never asks costs no AbortController.
   */
  disconnectSignalFor(environ: ConnectionEnviron): AbortSignal {
    if (environ !== this.#environ) return NEVER_ABORTED;
    if (this.#disconnect === undefined) {
      this.#disconnect = new AbortController();
      if (this.#closed || this.#readEnded) this.#disconnect.abort(new Error(DISCONNECT_MESSAGE));
    }
    return this.#disconnect.signal;
  }

  /** The app wants body bytes the queue does not hold: read the socket again. */
  resumeBody(): void {
    if (this.#paused && this.#input === INPUT_BODY) this.#resume();
  }

  #setTimeout(kind: number, milliseconds: number): void {
    // A timeout of 0 means "no limit".
    if (milliseconds <= 0) {
      this.#deadline = 0;
      this.#timeoutKind = TIMEOUT_NONE;
      return;
    }
    this.#deadline = Date.now() + milliseconds;
    this.#timeoutKind = kind;
  }

  #clearTimeout(): void {
    this.#deadline = 0;
    this.#timeoutKind = TIMEOUT_NONE;
  }

  #pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    this.#socket.pause();
  }

  #resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#socket.resume();
  }

  #onData(chunk: Buffer): void {
    if (this.#input === INPUT_STOPPED) return;
    const pending = this.#pending;
    if (pending === undefined) {
      this.#pending = chunk;
      this.#pendingOffset = 0;
    } else {
      this.#pending = Buffer.concat([pending.subarray(this.#pendingOffset), chunk]);
      this.#pendingOffset = 0;
    }
    this.#process();
  }

  /** Hands pending bytes to the parser or decoder until they run out or a response must finish first. */
  #process(): void {
    for (;;) {
      const pending = this.#pending;
      if (pending === undefined) break;
      const offset = this.#pendingOffset;
      if (offset >= pending.length) {
        this.#pending = undefined;
        break;
      }
      const input = this.#input;
      if (input === INPUT_HEAD) {
        if (!this.#headStarted) {
          this.#headStarted = true;
          const now = Date.now();
          this.#requestStartedAt = now;
          const headersMs = this.#state.options.timeouts.headersMs;
          this.#deadline = headersMs > 0 ? now + headersMs : 0;
          this.#timeoutKind = headersMs > 0 ? TIMEOUT_HEAD : TIMEOUT_NONE;
        }
        const result = this.#parser.parseHead(pending, offset);
        if (result.kind === "incomplete") {
          // The parser kept the partial line itself.
          this.#pending = undefined;
          break;
        }
        if (result.kind === "error") {
          this.#refuse(result.status, result.message, undefined);
          return;
        }
        this.#pendingOffset = offset + result.consumed;
        this.#startRequest(result.head);
      } else if (input === INPUT_BODY || input === INPUT_DRAIN) {
        const decoder = this.#decoder as BodyDecoder;
        const result = decoder.decode(pending, offset);
        if (result.kind === "error") {
          // The rest of a body already answered is nobody's request: no second response for it, just close.
          if (input === INPUT_DRAIN) this.#closeGracefully();
          else this.#refuse(result.status, result.message, SocketError.fromParseError(result));
          return;
        }
        this.#pendingOffset = offset + result.consumed;
        if (input === INPUT_BODY) {
          const body = this.#body as RequestBody;
          body.push(result.data);
          if (result.done) {
            body.end();
            this.#decoder = undefined;
            this.#clearTimeout();
            this.#input = INPUT_HOLD;
            // The whole body came without a 100 (the client did not wait): nothing is ambiguous any more.
            if (this.#continuePending && !this.#sink.headSent) this.#sink.closeAfterResponse = this.#state.closing;
          } else if (body.isFull) {
            this.#pause();
          }
        } else {
          this.#drainBudget -= result.consumed;
          if (result.done) {
            this.#decoder = undefined;
            this.#startIdle();
            return;
          }
          if (this.#drainBudget < 0) {
            this.#closeGracefully();
            return;
          }
        }
      } else if (input === INPUT_HOLD) {
        // A pipelined request waits for the response in progress; stop reading if the client runs far ahead.
        if (pending.length - offset > MAX_PIPELINED_BYTES) this.#pause();
        return;
      } else {
        return;
      }
    }
    if (this.#readEnded && this.#input === INPUT_HEAD && !this.#responding) {
      // The client sent FIN and every complete request has been answered; a partial head can never complete.
      this.#closeGracefully();
    }
  }

  #startRequest(head: RequestHead): void {
    const state = this.#state;
    const options = state.options;
    this.#headStarted = false;
    if (head.version === "1.1" && hasUnsupportedExpectation(head.rawHeaders)) {
      // RFC 9110 §10.1.1: only 100-continue is defined; we cannot meet any other expectation.
      this.#refuse(417, "only the 100-continue expectation is supported", undefined);
      return;
    }
    let environ: ConnectionEnviron;
    try {
      environ = createEnviron({
        method: head.method,
        target: head.target,
        protocol: head.protocol,
        rawHeaders: head.rawHeaders,
        remoteAddress: this.#remoteAddress,
        remotePort: this.#remotePort,
        serverName: this.#address.serverName,
        serverPort: this.#address.serverPort,
        input: NO_BODY_INPUT,
        multiprocess: options.multiprocess,
      }) as ConnectionEnviron;
    } catch (error) {
      this.#refuse(statusOfError(error) ?? 400, error instanceof Error ? error.message : "bad request", undefined);
      return;
    }
    environ[CONNECTION] = this;
    Object.defineProperty(environ, "gateway.disconnect", DISCONNECT_PROPERTY);

    const sink = this.#sink;
    sink.begin(false);
    const framing = head.body;
    if (framing.kind === "none") {
      this.#input = INPUT_HOLD;
      this.#clearTimeout();
    } else {
      this.#decoder = createBodyDecoder(framing, options.limits);
      const body = new RequestBody(this);
      this.#body = body;
      this.#continuePending = head.expectContinue;
      // An announced body the app never asks for will not come: this response is then the last one.
      if (head.expectContinue) sink.closeAfterResponse = true;
      environ["gateway.input"] = createInputStream(body, {
        contentLength: framing.kind === "length" ? framing.length : undefined,
        onFirstRead: this.#onFirstRead,
      });
      this.#input = INPUT_BODY;
      const requestMs = options.timeouts.requestMs;
      if (requestMs > 0) {
        this.#deadline = this.#requestStartedAt + requestMs;
        this.#timeoutKind = TIMEOUT_BODY;
      } else {
        this.#clearTimeout();
      }
    }
    this.#environ = environ;
    this.#responding = true;
    if (options.accessLog !== null) this.#accessStartedAt = performance.now();
    const runOptions = this.#runOptions;
    runOptions.method = head.method;
    runOptions.protocol = head.protocol;
    runOptions.keepAlive = head.keepAlive && !state.closing;
    runApplication(state.app, environ, sink, runOptions).then(this.#onResponseDone, this.#onResponseFailed);
  }

  /** onFirstRead of gateway.input: "100 Continue" only now that the app wants the body (RFC 9110 §10.1.1). */
  #sendContinue(): void {
    if (!this.#continuePending) return;
    this.#continuePending = false;
    const sink = this.#sink;
    // After a final status it is too late for an interim one (RFC 9110 §15.2).
    if (sink.headSent || this.#decoder === undefined) return;
    sink.closeAfterResponse = this.#state.closing;
    sink.sendContinue();
  }

  #finishResponse(outcome: ResponseOutcome): void {
    this.#responding = false;
    const environ = this.#environ as ConnectionEnviron;
    this.#environ = undefined;
    this.#disconnect = undefined;
    this.#continuePending = false;
    const accessLog = this.#state.options.accessLog;
    if (accessLog !== null) {
      const now = performance.now();
      accessLog.write(new AccessEntry(environ, outcome, performance.timeOrigin + this.#accessStartedAt, (now - this.#accessStartedAt) * 1000));
    }
    const body = this.#body;
    this.#body = undefined;
    if (this.#input === INPUT_STOPPED || this.#closed) return;
    if (outcome.aborted) {
      this.#socket.destroy();
      return;
    }
    if (!outcome.keepAlive || this.#sink.closeAfterResponse || this.#state.closing) {
      this.#closeGracefully();
      return;
    }
    if (this.#decoder !== undefined) {
      // The app answered without reading the whole body: drop a bounded rest, else close (RFC 9112 §9.3).
      body?.fail(new SocketError("ERR_SOCKET_BODY_INCOMPLETE", "the response was sent before the body was read"));
      this.#input = INPUT_DRAIN;
      this.#drainBudget = MAX_DRAIN_BYTES;
      this.#resume();
      this.#process();
      return;
    }
    this.#startIdle();
  }

  /** Ready for the next request: parse what is already here, or wait up to the keep-alive timeout. */
  #startIdle(): void {
    this.#input = INPUT_HEAD;
    this.#headStarted = false;
    this.#resume();
    const pending = this.#pending;
    if (pending !== undefined && this.#pendingOffset < pending.length) {
      this.#process();
      return;
    }
    if (this.#readEnded || this.#state.closing) {
      this.#closeGracefully();
      return;
    }
    this.#setTimeout(TIMEOUT_IDLE, this.#state.options.timeouts.keepAliveMs);
  }

  /**
   * Answers a request by the connection itself (framing error, limit, timeout, failed expectation) and closes:
   * nothing after it is parsed. A response already under way is aborted instead (its head is out).
   */
  #refuse(status: number, detail: string, bodyError: SocketError | undefined): void {
    this.#input = INPUT_STOPPED;
    this.#pending = undefined;
    const sink = this.#sink;
    if (this.#responding) {
      this.#body?.fail(bodyError ?? new SocketError("ERR_SOCKET_BODY_INCOMPLETE", detail));
      if (sink.headSent) {
        sink.abort();
        return;
      }
      sink.detach();
    }
    sink.writeRaw(formatErrorResponse(status, detail));
    this.#closeGracefully();
  }

  /** Ends our side once the batch is out, then reads and drops until the client closes or LINGER_MS passes. */
  #closeGracefully(): void {
    this.#input = INPUT_STOPPED;
    this.#pending = undefined;
    if (this.#closed) return;
    this.#sink.flush();
    if (!this.#endSent) {
      this.#endSent = true;
      this.#socket.end();
    }
    this.#resume();
    this.#setTimeout(TIMEOUT_LINGER, LINGER_MS);
  }

  #onEnd(): void {
    this.#readEnded = true;
    if (this.#responding) this.#disconnect?.abort(new Error(DISCONNECT_MESSAGE));
    if (this.#input === INPUT_STOPPED) {
      // We ended first and the client has now closed its side too.
      if (this.#endSent) this.#socket.destroy();
      return;
    }
    if (this.#input === INPUT_BODY) {
      // No more bytes will come: the body cannot complete (RFC 9112 §8: an incomplete message).
      this.#body?.fail(new SocketError("ERR_SOCKET_BODY_INCOMPLETE", "the client closed its side before the whole body arrived", { status: 400 }));
      this.#decoder = undefined;
      this.#input = INPUT_HOLD;
      this.#sink.closeAfterResponse = true;
      return;
    }
    if (this.#input === INPUT_DRAIN) {
      this.#closeGracefully();
      return;
    }
    if (this.#input === INPUT_HEAD && !this.#responding) this.#closeGracefully();
    // HOLD: the response in progress (and any pipelined requests) are answered first; #startIdle closes after.
  }

  #onClose(): void {
    this.#closed = true;
    this.#input = INPUT_STOPPED;
    this.#pending = undefined;
    this.#clearTimeout();
    if (this.#responding) {
      this.#body?.fail(new SocketError("ERR_SOCKET_BODY_INCOMPLETE", "the connection closed before the whole body arrived", { status: 400 }));
      this.#disconnect?.abort(new Error(DISCONNECT_MESSAGE));
    }
  }

  #onSocketError(error: NodeJS.ErrnoException): void {
    // Resets and broken pipes are a client going away, not a server fault; 'close' follows and cleans up.
    if (error.code === "ECONNRESET" || error.code === "EPIPE") return;
    this.#state.options.logger.debug(`connection error: ${error.message}`);
  }
}
