// The body of GET /stream for gateway-style apps: an async generator that yields one chunk per event-loop turn.
import { setImmediate as nextTurn } from "node:timers/promises";
import { streamChunk } from "./contract.js";

/**
 * Yields streamChunk(0..count-1), waiting one event-loop turn before each after the first, so a server
 * really sends a body it does not have yet (a server that buffered it whole would still pass on content,
 * but the framing scenario checks it went out chunked).
 */
export async function* streamChunks(count: number): AsyncGenerator<string> {
  for (let index = 0; index < count; index++) {
    if (index > 0) await nextTurn();
    yield streamChunk(index);
  }
}
