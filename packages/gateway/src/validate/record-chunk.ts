/** Accounts one chunk the application produced (body or write()) against G-6.2–G-6.5. Reports; never changes the chunk. */
import type { ResponseState } from "./response-state.js";

/** Checks and counts `chunk`; returns its length in bytes, or -1 when it is not a chunk. */
export function recordChunk(state: ResponseState, chunk: unknown, typeRule: "G-5.1" | "G-6.2"): number {
  let length: number;
  if (typeof chunk === "string") length = Buffer.byteLength(chunk, "utf8");
  else if (chunk instanceof Uint8Array) length = chunk.length;
  else {
    // The server cannot send it either, so the response fails: the sink checks then expect a 500 or an abort.
    state.markFailed();
    const where = typeRule === "G-5.1" ? "write() takes" : "body chunks must be";
    state.reporter.violation(typeRule, "application", `${where} a Uint8Array or a string, got ${chunk === null ? "null" : typeof chunk}`);
    return -1;
  }
  if (length === 0) return 0;
  if (!state.started) {
    state.reporter.violation("G-6.3", "application", "the body produced a non-empty chunk before startResponse was called");
  }
  if (state.statusCode === 204 || state.statusCode === 304) {
    // RFC 9110 §15.3.5 and §15.4.5: these responses end at the header section.
    state.reporter.violation("G-6.4", "application", `a ${state.statusCode} response has no body, but the application produced ${length} bytes`);
  }
  state.bytesProduced += length;
  state.producedNonEmpty = true;
  const declared = state.declaredLength;
  if (declared !== undefined && state.bytesProduced > declared) {
    state.reporter.violation("G-6.5", "application", `the application produced ${state.bytesProduced} bytes, more than its Content-Length of ${declared}`);
  }
  return length;
}

/** Checks the end-of-body rules (G-6.3, G-6.5 under-run, G-6.6) once the body has ended. */
export function recordBodyEnd(state: ResponseState): void {
  state.bodyEnded = true;
  if (!state.started) {
    state.reporter.violation("G-6.3", "application", "the body ended and startResponse was never called");
    return;
  }
  const code = state.statusCode;
  const declared = state.declaredLength;
  const produced = state.bytesProduced;
  // HEAD and 304 may carry the Content-Length of the full representation with no body (RFC 9110 §8.6).
  const exempt = code === 204 || ((state.method === "HEAD" || code === 304) && produced === 0);
  if (!exempt && declared !== undefined && produced < declared) {
    state.reporter.violation("G-6.5", "application", `the application produced ${produced} bytes, fewer than its Content-Length of ${declared}`);
  }
  if (produced > 0 && !state.hasContentType) {
    state.reporter.warning("G-6.6", `a ${code} response with a ${produced}-byte body has no Content-Type`);
  }
}
