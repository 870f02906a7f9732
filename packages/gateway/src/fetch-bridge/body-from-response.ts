/**
 * Turns a fetch Response body into a gateway Body (the response half of fromFetchHandler).
 * It streams chunk by chunk and never buffers; close() cancels the stream so the producer stops.
 */
import type { Body } from "../types.js";
import { FetchBridgeError } from "./errors.js";

const EMPTY_BODY: readonly Uint8Array[] = [];

/** Iterates one ReadableStream through one reader; it is its own iterator, so there is no per-chunk wrapping. */
class StreamBody implements AsyncIterableIterator<Uint8Array> {
  readonly #stream: ReadableStream<Uint8Array>;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #closed = false;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#stream = stream;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    this.#reader ??= this.#stream.getReader();
    // A read result already has the iterator-result shape.
    return this.#reader.read() as Promise<IteratorResult<Uint8Array>>;
  }

  async return(): Promise<IteratorResult<Uint8Array>> {
    await this.close();
    return { done: true, value: undefined };
  }

  /** Cancels the stream (a no-op once it has ended), so a client going away stops the producer. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (this.#reader === undefined) await this.#stream.cancel();
      else await this.#reader.cancel();
    } catch {
      // An errored stream rejects cancel(); its error already reached the writer through next().
    }
  }
}

/**
 * The body of `response` as a gateway Body: an empty array when it has none, else an async iterable
 * yielding the stream's chunks as they come, whose close() cancels the stream.
 * Throws ERR_FETCH_BRIDGE_BODY_USED when the body was already read or is locked.
 */
export function bodyFromResponse(response: Response): Body {
  const stream = response.body;
  if (stream === null) return EMPTY_BODY;
  if (response.bodyUsed || stream.locked) {
    throw new FetchBridgeError("ERR_FETCH_BRIDGE_BODY_USED", "the fetch handler returned a Response whose body was already read or locked", { status: 500 });
  }
  return new StreamBody(stream);
}
