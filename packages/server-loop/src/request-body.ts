/**
 * The request body source handed to `gateway.input`: the IncomingMessage itself when Content-Length
 * bounds it, or a counting pass-through for chunked bodies that enforces limits.maxBodyBytes.
 */
import type { IncomingMessage } from "node:http";
import { LoopError } from "./errors.js";

/** Marks a request whose chunked body went over the limit, so the server closes its connection afterwards. */
export interface BodyLimitState {
  bodyTooLarge: boolean;
}

/**
 * Yields the chunks of a chunked request body and throws LoopError ERR_LOOP_BODY_TOO_LARGE (status 413,
 * RFC 9110 §15.5.14) once more than `maxBytes` have arrived; the rest is never read.
 */
export async function* limitChunkedBody(request: IncomingMessage, maxBytes: number, state: BodyLimitState): AsyncGenerator<Uint8Array> {
  let received = 0;
  for await (const chunk of request as AsyncIterable<Uint8Array>) {
    received += chunk.length;
    if (received > maxBytes) {
      state.bodyTooLarge = true;
      throw new LoopError("ERR_LOOP_BODY_TOO_LARGE", `request body is larger than the limit of ${maxBytes} bytes`, { status: 413 });
    }
    yield chunk;
  }
}
