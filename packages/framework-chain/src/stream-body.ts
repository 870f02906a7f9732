/**
 * Wraps a streamed `ctx.body` as a gateway Body: reports a failure of the stream to the app's error
 * hook and releases the stream exactly once in close(). It never decides framing or status.
 */
import type { Chunk } from "@patchbay/gateway";

/** A source as application code may give it: any async iterable, optionally closable or destroyable (node streams). */
type StreamSource = AsyncIterable<Chunk> & { close?: () => unknown; destroy?: (error?: Error) => unknown };

/** A gateway Body over an async iterable `ctx.body`. */
export class StreamBody implements AsyncIterableIterator<Chunk> {
  readonly #source: StreamSource;
  readonly #onError: (error: unknown) => void;
  #iterator: AsyncIterator<Chunk> | undefined;
  #finished = false;
  #closed = false;

  constructor(source: AsyncIterable<Chunk>, onError: (error: unknown) => void) {
    this.#source = source as StreamSource;
    this.#onError = onError;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<Chunk>> {
    this.#iterator ??= this.#source[Symbol.asyncIterator]();
    try {
      const result = await this.#iterator.next();
      if (result.done === true) this.#finished = true;
      return result;
    } catch (error) {
      this.#finished = true;
      this.#onError(error);
      throw error;
    }
  }

  /** Called by `for await` when the writer stops early (HEAD, client gone): stops the source. */
  async return(): Promise<IteratorResult<Chunk>> {
    await this.#stopSource();
    return { done: true, value: undefined };
  }

  /** Called by the server exactly once: stops a source still running and closes it if it can be closed. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#stopSource();
    const source = this.#source;
    if (typeof source.close === "function") await source.close();
  }

  async #stopSource(): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    const iterator = this.#iterator;
    if (iterator !== undefined) {
      if (typeof iterator.return === "function") await iterator.return();
    } else if (typeof this.#source.destroy === "function") {
      // Never iterated (e.g. a HEAD answered from headers alone): a node stream must still let go of its file or socket.
      this.#source.destroy();
    }
  }
}

/** Type guard: a value the app means to stream (it has Symbol.asyncIterator). */
export function isStreamSource(value: unknown): value is AsyncIterable<Chunk> {
  return typeof value === "object" && value !== null && typeof (value as AsyncIterable<Chunk>)[Symbol.asyncIterator] === "function";
}

