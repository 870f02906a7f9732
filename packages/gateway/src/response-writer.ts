/**
 * The shared response writer: runs an application and turns what it produces into one framed response
 * on a ResponseSink. Every server uses it, so startResponse, header deferral, framing, HEAD/204/304,
 * backpressure and close() mean the same thing everywhere. It never touches a socket itself.
 */
import { setTimeout } from "node:timers";
import { GatewayError, statusOfError } from "./errors.js";
import type { Framing, ResponseSink } from "./response-sink.js";
import { parseStartResponse, type PendingHead } from "./start-response.js";
import { reasonPhrase } from "./status.js";
import type { Application, Body, Chunk, Environ, HeaderList, StartResponse, Write } from "./types.js";

/** How the server wants this response written. */
export interface RunApplicationOptions {
  /** Request method; HEAD responses carry no body. */
  method: string;
  /** Request protocol: "HTTP/1.0" or "HTTP/1.1". */
  protocol: string;
  /** Whether the server intends to keep the connection open after this response. */
  keepAlive: boolean;
  /** Value of the Server header; null sends none. Default "patchbay". */
  serverHeader?: string | null;
  /** Receives application errors (with their stack) for the server's error log. */
  onError?: (message: string, error: unknown) => void;
}

/** What happened, for the access log and the connection. */
export interface ResponseOutcome {
  status: number;
  /** Body bytes handed to the sink. */
  bytesSent: number;
  /** Whether the connection may carry another request. */
  keepAlive: boolean;
  /** True when the response could not be completed and the connection was aborted (or the client left). */
  aborted: boolean;
}

const INTERNAL_ERROR_BODY = Buffer.from("Internal Server Error\n");

let cachedDate: string | undefined;

function forgetDate(): void {
  cachedDate = undefined;
}

/**
 * The IMF-fixdate for now (RFC 9110 §5.6.7), formatted at most once a second: the cache is dropped by a
 * timer at the next second boundary (as node:http does), because even Date.now() costs ~90 ns per call
 * on a virtual machine's clock. node:timers, not the global: its timer can be unref'd on every runtime.
 */
export function httpDate(): string {
  if (cachedDate === undefined) {
    const now = Date.now();
    cachedDate = new Date(now).toUTCString();
    setTimeout(forgetDate, 1000 - (now % 1000)).unref();
  }
  return cachedDate;
}

function toBytes(chunk: Chunk): Uint8Array {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (chunk instanceof Uint8Array) return chunk;
  throw new GatewayError("ERR_GATEWAY_INVALID_CHUNK", `body chunks must be Uint8Array or string, got ${typeof chunk}`);
}

function isBodyless(status: number): boolean {
  return status === 204 || status === 304;
}

/** One response in progress. */
class ResponseRun {
  readonly #sink: ResponseSink;
  readonly #options: RunApplicationOptions;
  readonly #suppressBody: boolean;
  #pending: PendingHead | undefined;
  #headSent = false;
  #framing: Framing = "none";
  #keepAlive: boolean;
  #bytesSent = 0;
  #status = 0;
  /** The last bytes of a whole body, kept for the sink's endWith(), or its text for endWithText(). */
  #held: Uint8Array | string | undefined;

  constructor(sink: ResponseSink, options: RunApplicationOptions) {
    this.#sink = sink;
    this.#options = options;
    this.#suppressBody = options.method === "HEAD";
    this.#keepAlive = options.keepAlive;
  }

  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    if (this.#pending !== undefined) {
      if (excInfo === undefined || excInfo === null) {
        throw new GatewayError("ERR_GATEWAY_START_RESPONSE_TWICE", "startResponse was already called; a second call needs excInfo");
      }
      // PEP 3333: once headers are out, re-raise the application's error.
      if (this.#headSent) throw excInfo;
    }
    this.#pending = parseStartResponse(status, headers);
    return this.#write;
  };

  /** The legacy write(): sends at once, no backpressure (PEP 3333 discourages it for this reason). */
  readonly #write: Write = (chunk) => {
    if (this.#pending === undefined) throw new GatewayError("ERR_GATEWAY_NO_START_RESPONSE", "write() called before startResponse");
    const bytes = toBytes(chunk);
    if (bytes.length === 0) return;
    if (!this.#headSent) this.#sendHead(undefined);
    this.#sendBytes(bytes);
  };

  get headSent(): boolean {
    return this.#headSent;
  }

  get hasStarted(): boolean {
    return this.#pending !== undefined;
  }

  /** Sends the head. `knownLength` is the whole body's length when the writer knows it in advance. */
  #sendHead(knownLength: number | undefined): void {
    const pending = this.#pending;
    if (pending === undefined) throw new GatewayError("ERR_GATEWAY_NO_START_RESPONSE", "the application produced a body without calling startResponse");
    this.#headSent = true;
    this.#status = pending.status;
    const headers: HeaderList = pending.headers.slice();
    const bodyless = isBodyless(pending.status);
    if (bodyless) {
      this.#framing = "none";
      // RFC 9110 §8.6: no Content-Length in a 204.
      if (pending.status === 204 && pending.contentLength !== undefined) removeHeader(headers, "content-length");
    } else if (pending.contentLength !== undefined) {
      this.#framing = this.#suppressBody ? "none" : "content-length";
    } else if (knownLength !== undefined && !(this.#suppressBody && knownLength === 0)) {
      // An empty body to a HEAD (e.g. a fetch app's `new Response(null, …)`) says nothing of GET's length,
      // and a wrong Content-Length on HEAD is forbidden (RFC 9110 §8.6): then send none.
      headers.push(["Content-Length", String(knownLength)]);
      this.#framing = this.#suppressBody ? "none" : "content-length";
    } else if (this.#suppressBody) {
      this.#framing = "none";
    } else if (this.#options.protocol === "HTTP/1.1") {
      headers.push(["Transfer-Encoding", "chunked"]);
      this.#framing = "chunked";
    } else {
      // HTTP/1.0 has no chunked coding: the body ends when the connection closes (RFC 9112 §6.3 rule 8).
      this.#framing = "close";
      this.#keepAlive = false;
    }
    if (!pending.hasDate) headers.push(["Date", httpDate()]);
    const serverHeader = this.#options.serverHeader === undefined ? "patchbay" : this.#options.serverHeader;
    if (!pending.hasServer && serverHeader !== null) headers.push(["Server", serverHeader]);
    if (this.#options.protocol === "HTTP/1.1") {
      if (!this.#keepAlive) headers.push(["Connection", "close"]);
    } else if (this.#keepAlive) {
      headers.push(["Connection", "keep-alive"]);
    }
    this.#sink.sendHead({ status: pending.status, reason: pending.reason, headers, framing: this.#framing, keepAlive: this.#keepAlive });
  }

  /** Counts body bytes honouring a declared Content-Length; undefined when nothing is to be sent. */
  #admit(bytes: Uint8Array): Uint8Array | undefined {
    if (this.#framing === "none") return undefined;
    const declared = this.#pending?.contentLength;
    if (declared !== undefined && this.#bytesSent + bytes.length > declared) {
      // PEP 3333: never send more than Content-Length; the surplus is dropped and reported.
      const room = declared - this.#bytesSent;
      this.#options.onError?.(`application sent more than its Content-Length of ${declared} bytes; the surplus was dropped`, undefined);
      if (room <= 0) return undefined;
      bytes = bytes.subarray(0, room);
    }
    this.#bytesSent += bytes.length;
    return bytes;
  }

  /** Writes body bytes honouring a declared Content-Length; returns false when the sink wants a drain. */
  #sendBytes(bytes: Uint8Array): boolean {
    this.#flushHeld();
    const admitted = this.#admit(bytes);
    return admitted === undefined ? true : this.#sink.write(admitted);
  }

  /** The last bytes of a whole body: held for finish() when the sink can end with them, else written now. */
  #sendLast(bytes: Uint8Array): void {
    if (this.#sink.endWith === undefined) this.#sendBytes(bytes);
    else this.#held = this.#admit(bytes);
  }

  /** Writes held bytes now: something other than the end follows them. */
  #flushHeld(): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    this.#sink.write(typeof held === "string" ? Buffer.from(held, "utf8") : held);
  }

  /**
   * A whole body given as one string, before the head: to a sink that encodes text itself, only its UTF-8
   * length is computed here (for Content-Length) and the text is held for finish(), so the sink gets it right
   * after the head, framed by Content-Length. False when it must go as bytes (longer than a declared
   * Content-Length: it is cut, which takes bytes).
   */
  #sendWholeText(text: string): boolean {
    if (this.#headSent) return false;
    const byteLength = Buffer.byteLength(text, "utf8");
    const declared = this.#pending?.contentLength;
    if (declared !== undefined && byteLength > declared) return false;
    this.#sendHead(byteLength);
    if (byteLength > 0 && this.#framing !== "none") {
      this.#bytesSent = byteLength;
      this.#held = text;
    }
    return true;
  }

  /**
   * Sends one body chunk, deferring the head until the first non-empty one. Returns a promise only when
   * the sink asked for a drain, so a body the socket keeps up with costs no promise per chunk.
   */
  sendChunk(chunk: Chunk): Promise<void> | undefined {
    const bytes = toBytes(chunk);
    if (bytes.length === 0) return undefined;
    if (!this.#headSent) this.#sendHead(undefined);
    return this.#sendBytes(bytes) ? undefined : this.#sink.drain();
  }

  /** Sends a whole body known in advance (an array): one head with Content-Length, then the chunks. */
  sendWhole(chunks: readonly Chunk[]): void {
    if (chunks.length === 1) {
      const chunk = chunks[0] as Chunk;
      if (typeof chunk === "string" && this.#sink.endWithText !== undefined && this.#sendWholeText(chunk)) return;
      const bytes = toBytes(chunk);
      if (!this.#headSent) this.#sendHead(bytes.length);
      if (bytes.length > 0) this.#sendLast(bytes);
      return;
    }
    const parts = chunks.map(toBytes);
    let total = 0;
    let last = -1;
    for (let index = 0; index < parts.length; index++) {
      const length = (parts[index] as Uint8Array).length;
      total += length;
      if (length > 0) last = index;
    }
    if (!this.#headSent) this.#sendHead(total);
    for (let index = 0; index < last; index++) {
      const bytes = parts[index] as Uint8Array;
      if (bytes.length > 0) this.#sendBytes(bytes);
    }
    if (last !== -1) this.#sendLast(parts[last] as Uint8Array);
  }

  /** Completes the response; a body shorter than its Content-Length aborts the connection instead. */
  finish(): ResponseOutcome {
    if (!this.#headSent) this.#sendHead(this.#pending === undefined ? undefined : 0);
    const declared = this.#pending?.contentLength;
    if (this.#framing === "content-length" && declared !== undefined && this.#bytesSent < declared) {
      const error = new GatewayError("ERR_GATEWAY_CONTENT_LENGTH_MISMATCH", `application sent ${this.#bytesSent} of its declared Content-Length ${declared} bytes`);
      return this.abort(error);
    }
    const held = this.#held;
    this.#held = undefined;
    const sink = this.#sink;
    if (held === undefined) sink.end();
    // Held only for a sink that has the method (#sendLast, #sendWholeText). Held text is the whole body,
    // so its UTF-8 length is the bytes counted as sent.
    else if (typeof held === "string") sink.endWithText?.(held, this.#bytesSent);
    else sink.endWith?.(held);
    return { status: this.#status, bytesSent: this.#bytesSent, keepAlive: this.#keepAlive, aborted: false };
  }

  /** The client is gone or the body failed after the head went out: the connection must not look complete. */
  abort(error: Error): ResponseOutcome {
    this.#options.onError?.("response aborted after its headers were sent", error);
    this.#flushHeld();
    this.#sink.abort(error);
    return { status: this.#status, bytesSent: this.#bytesSent, keepAlive: false, aborted: true };
  }

  /**
   * An error before the head went out: the error's own 4xx/5xx status when it carries one (a request body
   * that ended early is a 400), else 500; a plain body, never the stack.
   */
  sendError(error: unknown): ResponseOutcome {
    const status = statusOfError(error) ?? 500;
    this.#options.onError?.(status === 500 ? "error in application" : `request failed with ${status}`, error);
    const reason = reasonPhrase(status);
    this.#pending = {
      status,
      reason,
      headers: [["Content-Type", "text/plain; charset=utf-8"]],
      contentLength: undefined,
      hasDate: false,
      hasServer: false,
    };
    this.sendWhole([status === 500 ? INTERNAL_ERROR_BODY : `${reason}\n`]);
    return this.finish();
  }

  clientGoneOutcome(): ResponseOutcome {
    return { status: this.#status || 499, bytesSent: this.#bytesSent, keepAlive: false, aborted: true };
  }
}

function removeHeader(headers: HeaderList, lowerName: string): void {
  for (let index = headers.length - 1; index >= 0; index--) {
    if ((headers[index] as [string, string])[0].toLowerCase() === lowerName) headers.splice(index, 1);
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof value === "object" && value !== null && typeof (value as Promise<unknown>).then === "function";
}

function assertIterableBody(body: unknown): asserts body is Body {
  if (typeof body === "string" || body instanceof Uint8Array) {
    throw new GatewayError("ERR_GATEWAY_BODY_TYPE", "the body must be an iterable of chunks (e.g. [text]), not a bare string or byte array");
  }
  if (typeof body !== "object" || body === null || (typeof (body as Iterable<Chunk>)[Symbol.iterator] !== "function" && typeof (body as AsyncIterable<Chunk>)[Symbol.asyncIterator] !== "function")) {
    throw new GatewayError("ERR_GATEWAY_BODY_TYPE", `the application must return an iterable or async iterable body, got ${body === null ? "null" : typeof body}`);
  }
}

async function closeBody(body: Body | undefined, options: RunApplicationOptions): Promise<void> {
  if (body === undefined || body === null || typeof body.close !== "function") return;
  try {
    await body.close();
  } catch (error) {
    options.onError?.("error closing the response body", error);
  }
}

/** closeBody without a promise when close() is absent or synchronous (the common case for an array body). */
function closeBodyEagerly(body: Body, options: RunApplicationOptions): Promise<void> | undefined {
  if (typeof body.close !== "function") return undefined;
  try {
    const closed = body.close();
    if (isPromise(closed)) return closed.then(undefined, (error: unknown) => options.onError?.("error closing the response body", error));
  } catch (error) {
    options.onError?.("error closing the response body", error);
  }
  return undefined;
}

/** Iterates the body into the response; returns early when the client goes away. */
async function streamBody(run: ResponseRun, body: Body, sink: ResponseSink, suppress: boolean): Promise<void> {
  if (Array.isArray(body)) {
    run.sendWhole(body as readonly Chunk[]);
    return;
  }
  const asyncIterable = (body as AsyncIterable<Chunk>)[Symbol.asyncIterator];
  if (typeof asyncIterable === "function") {
    for await (const chunk of body as AsyncIterable<Chunk>) {
      const drained = run.sendChunk(chunk);
      if (drained !== undefined) await drained;
      // A bodyless response needs only its head; no point producing the rest.
      if (sink.clientGone || (suppress && run.headSent)) return;
    }
    return;
  }
  // A sync iterable is only awaited when the sink wants a drain: microtask turns would let no I/O in anyway.
  for (const chunk of body as Iterable<Chunk>) {
    const drained = run.sendChunk(chunk);
    if (drained !== undefined) await drained;
    if (sink.clientGone || (suppress && run.headSent)) return;
  }
}

/** The outcome once the body has been written in full. */
function completeRun(run: ResponseRun, sink: ResponseSink): ResponseOutcome {
  if (sink.clientGone) return run.clientGoneOutcome();
  if (!run.hasStarted) throw new GatewayError("ERR_GATEWAY_NO_START_RESPONSE", "the application returned without calling startResponse");
  return run.finish();
}

/** The outcome when the application, its body or the writer failed. */
function failRun(run: ResponseRun, sink: ResponseSink, error: unknown): ResponseOutcome {
  if (sink.clientGone) return run.clientGoneOutcome();
  if (run.headSent) return run.abort(error instanceof Error ? error : new Error(String(error)));
  return run.sendError(error);
}

/** The general path: an async app, or a body that is iterated (and may need drains). */
async function runToCompletion(run: ResponseRun, returned: Body | Promise<Body>, sink: ResponseSink, options: RunApplicationOptions): Promise<ResponseOutcome> {
  let body: Body | undefined;
  try {
    body = isPromise(returned) ? await returned : returned;
    assertIterableBody(body);
    await streamBody(run, body, sink, options.method === "HEAD");
    return completeRun(run, sink);
  } catch (error) {
    return failRun(run, sink, error);
  } finally {
    await closeBody(body, options);
  }
}

/**
 * Runs `app` for one request and writes its response into `sink`.
 * Resolves once the response is complete or aborted; never rejects for an application error.
 */
export function runApplication(app: Application, environ: Environ, sink: ResponseSink, options: RunApplicationOptions): Promise<ResponseOutcome> {
  const run = new ResponseRun(sink, options);
  let returned: Body | Promise<Body>;
  try {
    returned = app(environ, run.startResponse);
  } catch (error) {
    return answerThrow(run, sink, error);
  }
  if (!Array.isArray(returned)) return runToCompletion(run, returned, sink, options);
  // Fast path, a sync app with an array body (the common case): the whole response is written here,
  // with no async function, await or microtask turn in between (they cost ~0.3 µs per request).
  // The rare branches live in functions of their own: V8 inlines this function and the app into the
  // server's call site within one bytecode budget, and what this one leaves is the app's to use.
  const body = returned as Body & readonly Chunk[];
  let outcome: ResponseOutcome;
  try {
    run.sendWhole(body);
    outcome = completeRun(run, sink);
  } catch (error) {
    return answerWriteFailure(run, sink, body, options, error);
  }
  return typeof body.close === "function" ? closeThenOutcome(body, options, outcome) : Promise.resolve(outcome);
}

/** The app threw before returning a body: nothing to close. */
function answerThrow(run: ResponseRun, sink: ResponseSink, error: unknown): Promise<ResponseOutcome> {
  try {
    return Promise.resolve(failRun(run, sink, error));
  } catch (failure) {
    return Promise.reject(failure as Error);
  }
}

/** Writing a whole body failed: answer the error (or reject), then close the body. */
function answerWriteFailure(run: ResponseRun, sink: ResponseSink, body: Body, options: RunApplicationOptions, error: unknown): Promise<ResponseOutcome> {
  let outcome: ResponseOutcome;
  try {
    outcome = failRun(run, sink, error);
  } catch (failure) {
    return closeBody(body, options).then(() => Promise.reject(failure as Error));
  }
  return closeThenOutcome(body, options, outcome);
}

function closeThenOutcome(body: Body, options: RunApplicationOptions, outcome: ResponseOutcome): Promise<ResponseOutcome> {
  const closed = closeBodyEagerly(body, options);
  return closed === undefined ? Promise.resolve(outcome) : closed.then(() => outcome);
}
