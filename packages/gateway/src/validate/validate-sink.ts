/**
 * The server half of the validator: wraps the ResponseSink a server writes one response into and
 * checks what reaches the wire against G-8 (and G-7.5, G-11.2), using what validate() saw of the
 * application for the same environ. It passes every call through unchanged.
 */
import { statusOfError } from "../errors.js";
import { getHeader, isHopByHopHeader } from "../headers.js";
import type { ResponseHead, ResponseSink } from "../response-sink.js";
import type { Environ, ErrorStream, HeaderList } from "../types.js";
import { linkSink, responseStateOf, type ResponseState } from "./response-state.js";
import type { RuleNumber } from "./validation-error.js";
import { ViolationReporter, type ValidateOptions } from "./violation-reporter.js";

function isBodylessStatus(status: number): boolean {
  return (status >= 100 && status < 200) || status === 204 || status === 304;
}

/** True when `expected` appears in `actual` in the same order (other headers may come between). */
function isOrderedSubset(expected: HeaderList, actual: HeaderList): boolean {
  let index = 0;
  for (const [name, value] of actual) {
    const wanted = expected[index];
    if (wanted !== undefined && wanted[0] === name && wanted[1] === value) index++;
  }
  return index === expected.length;
}

/** Wraps one response's sink; every check reports through `options` like validate(). */
class ValidatedSink implements ResponseSink {
  readonly #inner: ResponseSink;
  readonly #environ: Environ;
  readonly #reporter: ViolationReporter;
  #head: ResponseHead | undefined;
  #contentLength: number | undefined;
  #bytesWritten = 0;
  #finished: "end" | "abort" | undefined;
  #awaitingDrain = false;

  constructor(inner: ResponseSink, environ: Environ, options: ValidateOptions) {
    this.#inner = inner;
    this.#environ = environ;
    const errors = environ["gateway.errors"] as Partial<ErrorStream> | null | undefined;
    this.#reporter = new ViolationReporter(typeof errors?.write === "function" ? (errors as ErrorStream) : undefined, options);
    linkSink(environ);
  }

  get #state(): ResponseState | undefined {
    return responseStateOf(this.#environ);
  }

  #report(rule: RuleNumber, message: string): void {
    this.#reporter.violation(rule, "server", message);
  }

  sendHead(head: ResponseHead): void {
    if (this.#head !== undefined) this.#report("G-8.2", "sendHead() called twice");
    if (this.#finished !== undefined) this.#report("G-8.2", `sendHead() called after ${this.#finished}()`);
    this.#head = head;
    const state = this.#state;
    if (state !== undefined) {
      if (!(state.producedNonEmpty || state.bodyEnded || state.appFailed)) {
        this.#report("G-8.1", "the head was sent before the first non-empty body chunk, the end of the body or an error");
      }
      if (state.appFailed) {
        const expected = statusOfError(state.failure) ?? 500;
        if (head.status !== expected) this.#report("G-8.9", `the application failed before the head was sent, so the response must be a ${expected}, got ${head.status}`);
      } else if (state.started && (head.status !== state.statusCode || head.reason !== state.reason)) {
        this.#report("G-8.3", `the status sent (${head.status} ${head.reason}) is not the application's (${state.statusCode} ${state.reason})`);
      } else if (state.started && !isOrderedSubset(this.#appHeadersToSend(state), head.headers)) {
        this.#report("G-8.3", "the application's headers were not all sent, in their order and unchanged");
      }
      state.sinkHeadSent = true;
    }
    this.#checkHead(head);
    this.#inner.sendHead(head);
  }

  /** The application's headers as the wire must carry them (a 204 drops Content-Length, RFC 9110 §8.6). */
  #appHeadersToSend(state: ResponseState): HeaderList {
    if (state.statusCode !== 204) return state.headers;
    return state.headers.filter(([name]) => name.toLowerCase() !== "content-length");
  }

  #checkHead(head: ResponseHead): void {
    const method = this.#environ.REQUEST_METHOD;
    const protocol = this.#environ.SERVER_PROTOCOL;
    const headers = head.headers;
    const contentLength = getHeader(headers, "content-length");
    const transferEncoding = getHeader(headers, "transfer-encoding");
    if (head.status >= 200 && head.status < 500 && getHeader(headers, "date") === undefined) {
      // RFC 9110 §6.6.1: an origin server with a clock sends Date in 2xx–4xx responses.
      this.#report("G-8.4", `a ${head.status} response has no Date header`);
    }
    if (method === "HEAD" && head.framing !== "none") this.#report("G-8.6", `a response to HEAD must have no body, but its framing is ${head.framing}`);
    if (isBodylessStatus(head.status)) {
      if (head.framing !== "none") this.#report("G-8.7", `a ${head.status} response must have no body, but its framing is ${head.framing}`);
      // RFC 9112 §6.1 and RFC 9110 §8.6: neither Transfer-Encoding nor (for 204) Content-Length.
      if (transferEncoding !== undefined || (head.status === 204 && contentLength !== undefined)) {
        this.#report("G-8.7", `a ${head.status} response must not carry ${transferEncoding === undefined ? "Content-Length" : "Transfer-Encoding"}`);
      }
    }
    this.#checkFraming(head, contentLength, transferEncoding, protocol);
    const connection = getHeader(headers, "connection");
    // RFC 9112 §9.3: 1.1 persists unless "close"; 1.0 persists only with "keep-alive".
    if (protocol === "HTTP/1.1" && !head.keepAlive && connection?.toLowerCase() !== "close") {
      this.#report("G-8.12", "an HTTP/1.1 response that closes the connection must say Connection: close");
    } else if (protocol === "HTTP/1.0" && head.keepAlive && connection?.toLowerCase() !== "keep-alive") {
      this.#report("G-8.12", "an HTTP/1.0 response that keeps the connection must say Connection: keep-alive");
    }
    for (const [name] of headers) {
      const lower = name.toLowerCase();
      if (isHopByHopHeader(name) && lower !== "connection" && lower !== "transfer-encoding" && lower !== "keep-alive") {
        this.#report("G-8.3", `the server sent hop-by-hop header ${name}, which neither side may use in a response`);
      }
    }
  }

  #checkFraming(head: ResponseHead, contentLength: string | undefined, transferEncoding: string | undefined, protocol: unknown): void {
    const state = this.#state;
    const declared = state?.started === true && !state.appFailed ? state.declaredLength : undefined;
    switch (head.framing) {
      case "content-length":
        if (contentLength === undefined || !/^\d+$/.test(contentLength)) this.#report("G-8.5", "content-length framing without a valid Content-Length header");
        else this.#contentLength = Number(contentLength);
        if (transferEncoding !== undefined) this.#report("G-8.5", "a response must not carry both Content-Length and Transfer-Encoding (RFC 9112 §6.2)");
        break;
      case "chunked":
        if (protocol !== "HTTP/1.1") this.#report("G-8.5", `chunked framing needs HTTP/1.1, the request was ${String(protocol)} (RFC 9112 §7)`);
        if (transferEncoding?.toLowerCase() !== "chunked" || contentLength !== undefined) this.#report("G-8.5", "chunked framing must send Transfer-Encoding: chunked and no Content-Length");
        break;
      case "close":
        if (head.keepAlive) this.#report("G-8.5", "a close-delimited body must end the connection (keepAlive false)");
        if (transferEncoding !== undefined || contentLength !== undefined) this.#report("G-8.5", "a close-delimited body carries neither Content-Length nor Transfer-Encoding");
        break;
      case "none":
        if (this.#environ.REQUEST_METHOD !== "HEAD" && !isBodylessStatus(head.status)) this.#report("G-8.5", `a ${head.status} response to ${String(this.#environ.REQUEST_METHOD)} must have a body framing, got none`);
        break;
    }
    if (declared !== undefined && head.framing !== "none" && (head.framing !== "content-length" || this.#contentLength !== declared)) {
      this.#report("G-8.5", `the application declared Content-Length ${declared}; the server must frame the body by it`);
    }
  }

  write(chunk: Uint8Array): boolean {
    this.#checkCallOrder("write()");
    if (this.#awaitingDrain) this.#report("G-8.11", "write() after a write() that returned false, before drain() resolved");
    this.#checkBodyBytes(chunk.length);
    const accepted = this.#inner.write(chunk);
    if (!accepted) this.#awaitingDrain = true;
    return accepted;
  }

  drain(): Promise<void> {
    return this.#inner.drain().then(() => {
      this.#awaitingDrain = false;
    });
  }

  end(): void {
    this.#checkCallOrder("end()");
    this.#checkComplete();
    this.#inner.end();
  }

  endWith(chunk: Uint8Array): void {
    this.#checkCallOrder("endWith()");
    this.#checkBodyBytes(chunk.length);
    this.#checkComplete();
    if (this.#inner.endWith !== undefined) this.#inner.endWith(chunk);
    else {
      this.#inner.write(chunk);
      this.#inner.end();
    }
  }

  endWithText(text: string, byteLength: number): void {
    this.#checkCallOrder("endWithText()");
    const actual = Buffer.byteLength(text, "utf8");
    if (actual !== byteLength) this.#report("G-8.8", `endWithText() was given ${byteLength} as the length of a text of ${actual} UTF-8 bytes`);
    this.#checkBodyBytes(actual);
    this.#checkComplete();
    if (this.#inner.endWithText !== undefined) this.#inner.endWithText(text, byteLength);
    else {
      this.#inner.write(Buffer.from(text, "utf8"));
      this.#inner.end();
    }
  }

  /** A body write or an end must come after the head and before the response was ended or aborted. */
  #checkCallOrder(call: string): void {
    if (this.#head === undefined) this.#report("G-8.2", `${call} before sendHead()`);
    if (this.#finished !== undefined) this.#report("G-8.2", `${call} after ${this.#finished}()`);
  }

  /** Counts `length` body bytes about to be sent, against HEAD, a bodyless status and the Content-Length. */
  #checkBodyBytes(length: number): void {
    const head = this.#head;
    if (head !== undefined && length > 0) {
      if (this.#environ.REQUEST_METHOD === "HEAD") this.#report("G-8.6", `${length} body bytes written in a response to HEAD`);
      else if (isBodylessStatus(head.status)) this.#report("G-8.7", `${length} body bytes written in a ${head.status} response`);
    }
    this.#bytesWritten += length;
    if (this.#contentLength !== undefined && this.#bytesWritten > this.#contentLength) {
      this.#report("G-8.8", `${this.#bytesWritten} body bytes written, more than the Content-Length of ${this.#contentLength}`);
    }
  }

  /** The response ends here as a whole: its body must be complete and its application must not have failed. */
  #checkComplete(): void {
    this.#finished ??= "end";
    if (this.#contentLength !== undefined && this.#bytesWritten < this.#contentLength) {
      this.#report("G-8.8", `the response ended after ${this.#bytesWritten} of its Content-Length ${this.#contentLength} bytes; it must be aborted instead`);
    }
    if (this.#state?.failedAfterHead === true) this.#report("G-8.10", "the application failed after the head was sent, so the response must be aborted, not ended");
  }

  abort(error: Error): void {
    if (this.#finished !== undefined) this.#report("G-8.2", `abort() after ${this.#finished}()`);
    this.#finished ??= "abort";
    this.#inner.abort(error);
  }

  get clientGone(): boolean {
    const gone = this.#inner.clientGone;
    const state = this.#state;
    if (gone && state !== undefined && !state.clientGoneSeen) {
      state.clientGoneSeen = true;
      const disconnect = this.#environ["gateway.disconnect"];
      if (disconnect instanceof AbortSignal && !disconnect.aborted) {
        this.#report("G-11.2", "the client is gone but gateway.disconnect is not aborted");
      }
    }
    return gone;
  }
}

/**
 * Wraps the sink a server writes the response for `environ` into, and checks the wire-level rules
 * (G-8: head deferral, call order, framing, HEAD/204/304, Content-Length, errors, backpressure,
 * Connection). Use it with `validate(app)` on the same environ to link the two halves (create the sink
 * wrapper before the application runs); alone, it checks only what the sink itself sees. Violations are
 * written to the environ's `gateway.errors` and handed to `options.onViolation` (default: thrown into the
 * server's sink call), like validate()'s.
 */
export function validateSink(sink: ResponseSink, environ: Environ, options: ValidateOptions = {}): ResponseSink {
  return new ValidatedSink(sink, environ, options);
}
