/**
 * Turns a fetch Response body into a gateway Body (the response half of fromFetchHandler).
 * It streams chunk by chunk and never buffers; close() or a disconnect cancels the stream so the producer stops.
 */
import type { Body } from "../types.js";
import { FetchBridgeError } from "./errors.js";

const EMPTY_BODY: readonly Uint8Array[] = [];

type ReadResult = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]>>;

/** Iterates one ReadableStream through one reader; it is its own iterator, so iteration allocates no wrapper. */
class StreamBody implements AsyncIterableIterator<Uint8Array> {
  readonly #stream: ReadableStream<Uint8Array>;
  readonly #disconnect: AbortSignal | undefined;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #closed = false;
  #disconnected = false;

  constructor(stream: ReadableStream<Uint8Array>, disconnect: AbortSignal | undefined) {
    this.#stream = stream;
    this.#disconnect = disconnect;
    if (disconnect === undefined) return;
    if (disconnect.aborted) this.#onDisconnect();
    else disconnect.addEventListener("abort", this.#onDisconnect, { once: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    this.#reader ??= this.#stream.getReader();
    return this.#reader.read().then(this.#settle);
  }

  async return(): Promise<IteratorResult<Uint8Array>> {
    await this.close();
    return { done: true, value: undefined };
  }

  /** Cancels the stream (a no-op once it has ended), so a client going away stops the producer. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#disconnect?.removeEventListener("abort", this.#onDisconnect);
    try {
      if (this.#reader === undefined) await this.#stream.cancel();
      else await this.#reader.cancel();
    } catch {
      // An errored stream rejects cancel(); its error already reached the writer through next().
    }
  }

  /**
   * A read ended by our own cancel after a disconnect is a cut-short body, not a complete one: it fails,
   * so the writer can never frame it as whole.
   */
  readonly #settle = (result: ReadResult): IteratorResult<Uint8Array> => {
    if (result.done && this.#disconnected) {
      throw new FetchBridgeError("ERR_FETCH_BRIDGE_DISCONNECTED", "the client went away while the fetch handler's body was streaming", { cause: this.#disconnect?.reason });
    }
    return result as IteratorResult<Uint8Array>;
  };

  /**
   * The client is gone: cancel now rather than when the writer next gets a chunk, which an idle producer
   * (a stream waiting for events) might never send.
   */
  readonly #onDisconnect = (): void => {
    this.#disconnected = true;
    void this.close();
  };
}

/**
 * The body of `response` as a gateway Body: an empty array when it has none, else an async iterable
 * yielding the stream's chunks as they come, whose close() cancels the stream. When `disconnect` aborts
 * first, the stream is cancelled at once and the body fails with ERR_FETCH_BRIDGE_DISCONNECTED.
 * Throws ERR_FETCH_BRIDGE_BODY_USED when the body was already read or is locked.
 */
export function bodyFromResponse(response: Response, disconnect?: AbortSignal): Body {
  const stream = response.body;
  if (stream === null) return EMPTY_BODY;
  if (response.bodyUsed || stream.locked) {
    throw new FetchBridgeError("ERR_FETCH_BRIDGE_BODY_USED", "the fetch handler returned a Response whose body was already read or locked", { status: 500 });
  }
  return new StreamBody(stream, disconnect);
}
