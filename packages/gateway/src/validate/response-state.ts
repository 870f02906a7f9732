/**
 * What the validator knows about one request in flight, shared by the application-side wrappers and
 * the sink-side checker through the environ object. Plain data; no checks here.
 */
import type { Environ, HeaderList } from "../types.js";
import type { ViolationReporter } from "./violation-reporter.js";

/** The validator's record of one request. */
export class ResponseState {
  readonly method: string;
  readonly reporter: ViolationReporter;
  /** startResponse was accepted at least once. */
  started = false;
  /** The status code and headers of the last accepted startResponse call. */
  statusCode = 0;
  reason = "";
  headers: HeaderList = [];
  /** The application's headers include Content-Type (G-6.6). */
  hasContentType = false;
  /** The application's Content-Length header, if it gave one. */
  declaredLength: number | undefined;
  /** Body bytes the application produced so far (body chunks and write()). */
  bytesProduced = 0;
  /** A non-empty chunk was yielded or written. */
  producedNonEmpty = false;
  /** By G-8.1 and G-5.3 the head must be out: a non-empty chunk was taken and the next one asked for, or write() returned. */
  headersOut = false;
  /** The body reached its end (an array counts as ended when returned). */
  bodyEnded = false;
  /** The application (or its body) failed, including by a violation thrown into it. */
  appFailed = false;
  /** What the application side failed with (G-8.9: its own 4xx/5xx status, else 500). */
  failure: unknown;
  /** The failure came after the sink had sent the head (G-8.10). */
  failedAfterHead = false;
  /** A body wrapper was handed to the server, so close() is owed (G-7.2). */
  hasBody = false;
  /** The body is a gateway.file_wrapper body (G-10.2). */
  isFileBody = false;
  closeCount = 0;
  /** The server read sink.clientGone as true (G-7.5). */
  clientGoneSeen = false;
  /** The validated sink has sent the head. */
  sinkHeadSent = false;
  /** A validated sink is linked to this request. */
  sinkLinked = false;

  constructor(method: string, reporter: ViolationReporter) {
    this.method = method;
    this.reporter = reporter;
  }

  /** Records a failure of the application side (`error` undefined: the server will fail with a plain 500). */
  markFailed(error?: unknown): void {
    if (this.appFailed) return;
    this.appFailed = true;
    this.failure = error;
    this.failedAfterHead = this.sinkHeadSent;
  }
}

/** Every validator's state for an environ, outermost first (nested validators, G-12.1). */
const states = new WeakMap<Environ, ResponseState[]>();
const sinkLinkedEnvirons = new WeakSet<Environ>();

/** Links a state to its environ, so validateSink and assertBodyClosed find it. */
export function attachResponseState(environ: Environ, state: ResponseState): void {
  const list = states.get(environ);
  if (list === undefined) {
    state.sinkLinked = sinkLinkedEnvirons.has(environ);
    states.set(environ, [state]);
  } else {
    list.push(state);
  }
}

/** Records that a validated sink writes the response for `environ`. */
export function linkSink(environ: Environ): void {
  sinkLinkedEnvirons.add(environ);
  const state = states.get(environ)?.[0];
  if (state !== undefined) state.sinkLinked = true;
}

/**
 * The state of the outermost validated application for `environ` (the one the server called), or
 * undefined when no validated application saw it.
 */
export function responseStateOf(environ: Environ): ResponseState | undefined {
  return states.get(environ)?.[0];
}

/** Every validated application's state for `environ`, outermost first. */
export function responseStatesOf(environ: Environ): readonly ResponseState[] {
  return states.get(environ) ?? [];
}
