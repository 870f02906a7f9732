/**
 * One client connection: feeds the parser, runs one request at a time through the shared writer so responses
 * leave in request order (pipelined requests wait in the read buffer), applies backpressure both ways, and
 * decides keep-alive, 100-continue, timeouts and closing. It never frames a response (the writer and the
 * sink do), never parses bytes itself (the parser does), and never listens (the server does).
 */
import type { Socket } from "node:net";
import { createInputStream, runApplication, statusOfError, type Environ, type ResponseOutcome, type RunApplicationOptions } from "@patchbay/gateway";
import { EnvironAccessRecord } from "@patchbay/server-kit";
import { createBodyDecoder, type BodyDecoder } from "./body-decoder.js";
import { LINGER_MS, MAX_DRAIN_BYTES, MAX_PIPELINED_BYTES } from "./connection-limits.js";
import { ConnectionDeadline, TIMEOUT_BODY, TIMEOUT_HEAD, TIMEOUT_IDLE, TIMEOUT_LINGER } from "./connection-deadline.js";
import { attachDisconnectSignal, DISCONNECT_MESSAGE, NEVER_ABORTED, type DisconnectSource } from "./disconnect-signal.js";
import { SocketError } from "./errors.js";
import { formatErrorResponse } from "./error-response.js";
import { hasUnsupportedExpectation } from "./expectation.js";
import { RequestParser, type RequestHead } from "./parser.js";
import { RequestBody, type RequestBodyOwner } from "./request-body.js";
import { createRequestEnviron, type PeerAddress } from "./request-environ.js";
import type { ListenerAddress, ServerState } from "./server-state.js";
import { SocketSink } from "./socket-sink.js";

const INPUT_HEAD = 0;
const INPUT_BODY = 1;
const INPUT_HOLD = 2;
const INPUT_DRAIN = 3;
const INPUT_STOPPED = 4;

/**
 * The state machine of one socket. Input moves HEAD → (BODY →) HOLD → HEAD for each request; DRAIN drops an
 * unread body after a response; STOPPED reads and drops everything (after an error or when closing), so no
 * byte after a framing error is ever parsed as a request.
 */
export class Connection implements RequestBodyOwner, DisconnectSource {
  readonly #socket: Socket;
  readonly #state: ServerState;
  readonly #address: ListenerAddress;
  readonly #parser: RequestParser;
  readonly #sink: SocketSink;
  readonly #peer: PeerAddress;
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
  /** Content-Length of the body in progress, -1 for chunked or none. */
  #bodyLength = -1;
  #continuePending = false;
  #environ: Environ | undefined;
  #disconnect: AbortController | undefined;
  #requestStartedAt = 0;
  #accessStartedAt = 0;
  #headStarted = false;

  /** The pending timeout, checked by the server's sweep. */
  readonly #deadline = new ConnectionDeadline();

  readonly #onResponseDone = (outcome: ResponseOutcome): void => {
    this.#finishResponse(outcome);
  };
  readonly #onResponseFailed = (error: unknown): void => {
    // runApplication never rejects for an application error: this is a bug in the writer or the sink.
    this.#state.onError("internal error while writing a response", error);
    this.#responding = false;
    this.#socket.destroy();
  };
  /** The writer found the socket destroyed mid-response (its 'close' event comes later). */
  readonly #onSocketGone = (): void => {
    if (this.#responding) this.#disconnect?.abort(new Error(DISCONNECT_MESSAGE));
  };
  readonly #onFirstRead = (): void => {
    this.#sendContinue();
  };

  /** Takes over a freshly accepted `socket`: listens to it and arms the head timeout (a silent client is closed). */
  constructor(socket: Socket, state: ServerState, address: ListenerAddress) {
    this.#socket = socket;
    this.#state = state;
    this.#address = address;
    this.#parser = new RequestParser(state.options.limits);
    this.#sink = new SocketSink(socket, this.#onSocketGone);
    this.#peer = { remoteAddress: socket.remoteAddress ?? "", remotePort: socket.remotePort ?? 0 };
    this.#runOptions = { method: "GET", protocol: "HTTP/1.1", keepAlive: true, onError: state.onError };
    this.#deadline.set(TIMEOUT_HEAD, state.options.timeouts.headersMs);
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
    switch (this.#deadline.takeDue(now)) {
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
          this.#deadline.set(TIMEOUT_BODY, 1, now);
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
  disconnectSignalFor(environ: Environ): AbortSignal {
    if (environ !== this.#environ) return NEVER_ABORTED;
    if (this.#disconnect === undefined) {
      this.#disconnect = new AbortController();
      if (this.#closed || this.#readEnded || this.#socket.destroyed) this.#disconnect.abort(new Error(DISCONNECT_MESSAGE));
    }
    return this.#disconnect.signal;
  }

  /** The app wants body bytes the queue does not hold: read the socket again. */
  resumeBody(): void {
    if (this.#paused && this.#input === INPUT_BODY) this.#resume();
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
    const sink = this.#sink;
    sink.holdFlush();
    try {
      this.#process();
    } finally {
      // Bytes still pending are pipelined requests answered in later microtasks: their responses join the batch.
      sink.releaseFlush(this.#pending !== undefined);
    }
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
          // The clock is read only when the head or a body must wait for more bytes (#requestStartedAt 0
          // until then): a whole head without a body, the keep-alive common case, costs no Date.now().
          this.#requestStartedAt = 0;
        }
        const result = this.#parser.parseHead(pending, offset);
        if (result.kind === "incomplete") {
          // The parser kept the partial line itself.
          this.#pending = undefined;
          if (this.#requestStartedAt === 0) {
            const now = Date.now();
            this.#requestStartedAt = now;
            this.#deadline.set(TIMEOUT_HEAD, this.#state.options.timeouts.headersMs, now);
          }
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
            this.#deadline.clear();
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
    let environ: Environ;
    try {
      environ = createRequestEnviron(head, this.#peer, this.#address, this.#state.errors, options.multiprocess);
    } catch (error) {
      // A fixed detail: the gateway's message may quote the target, and nothing from the request is echoed.
      this.#refuse(statusOfError(error) ?? 400, "the request target cannot be decoded", undefined);
      return;
    }
    attachDisconnectSignal(environ, this);

    const sink = this.#sink;
    sink.begin(false);
    const framing = head.body;
    if (framing.kind === "none") {
      this.#input = INPUT_HOLD;
      this.#deadline.clear();
    } else {
      this.#decoder = createBodyDecoder(framing, options.limits);
      this.#bodyLength = framing.kind === "length" ? framing.length : -1;
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
      if (this.#requestStartedAt === 0) this.#requestStartedAt = Date.now();
      this.#deadline.set(TIMEOUT_BODY, options.timeouts.requestMs, this.#requestStartedAt);
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
    // A response cut short by a destroyed socket: the app may still hold the signal (its 'close' comes later).
    if (this.#socket.destroyed) this.#disconnect?.abort(new Error(DISCONNECT_MESSAGE));
    this.#responding = false;
    const environ = this.#environ as Environ;
    this.#environ = undefined;
    this.#disconnect = undefined;
    this.#continuePending = false;
    const accessLog = this.#state.options.accessLog;
    if (accessLog !== null) accessLog.write(new EnvironAccessRecord(environ, outcome, this.#accessStartedAt, performance.now()));
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
    const decoder = this.#decoder;
    if (decoder !== undefined) {
      // The app answered without reading the whole body: drop a bounded rest, else close (RFC 9112 §9.3).
      body?.fail(new SocketError("ERR_SOCKET_BODY_INCOMPLETE", "the response was sent before the body was read"));
      // A declared rest over the budget is not worth reading: close now (a chunked rest is counted as it comes).
      if (this.#bodyLength >= 0 && this.#bodyLength - decoder.received > MAX_DRAIN_BYTES) {
        this.#closeGracefully();
        return;
      }
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
    this.#deadline.set(TIMEOUT_IDLE, this.#state.options.timeouts.keepAliveMs);
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
    this.#deadline.set(TIMEOUT_LINGER, LINGER_MS);
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
    this.#deadline.clear();
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
