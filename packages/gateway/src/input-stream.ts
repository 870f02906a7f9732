/**
 * `gateway.input`: a pull-based reader over a server's body source. It never reads past the declared
 * length, and it buffers at most what one read() asks for, so backpressure reaches the socket.
 */
import { GatewayError } from "./errors.js";
import type { InputStream } from "./types.js";

/** Options for createInputStream. */
export interface InputStreamOptions {
  /** Declared body length (CONTENT_LENGTH); input ends there. Undefined for chunked bodies (the source ends). */
  contentLength?: number;
  /** Runs once, on the first read: a server sends "100 Continue" here (RFC 9110 §10.1.1). */
  onFirstRead?: () => void;
}

const EMPTY = new Uint8Array(0);
const LF = 10;

class BodyInputStream implements InputStream {
  #source: AsyncIterable<Uint8Array>;
  #iterator: AsyncIterator<Uint8Array> | undefined;
  #pending: Uint8Array = EMPTY;
  #remaining: number;
  #ended = false;
  #onFirstRead: (() => void) | undefined;
  #reading: Promise<unknown> = Promise.resolve();

  constructor(source: AsyncIterable<Uint8Array>, options: InputStreamOptions) {
    this.#source = source;
    this.#remaining = options.contentLength ?? Number.POSITIVE_INFINITY;
    this.#onFirstRead = options.onFirstRead;
    if (this.#remaining === 0) this.#ended = true;
  }

  read(size?: number): Promise<Uint8Array> {
    return this.#serialise(() => this.#read(size));
  }

  readline(size?: number): Promise<Uint8Array> {
    return this.#serialise(() => this.#readline(size));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const chunk = await this.#serialise(() => this.#nextChunk());
      if (chunk.length === 0) return;
      yield chunk;
    }
  }

  /** Reads one after another even when an app forgets to await (no interleaved pulls). */
  #serialise<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#reading.then(operation);
    this.#reading = result.catch(() => undefined);
    return result;
  }

  async #read(size: number | undefined): Promise<Uint8Array> {
    if (size === undefined || size < 0) {
      const parts: Uint8Array[] = [];
      let total = 0;
      for (let chunk = await this.#nextChunk(); chunk.length > 0; chunk = await this.#nextChunk()) {
        parts.push(chunk);
        total += chunk.length;
      }
      return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts, total);
    }
    if (size === 0) return EMPTY;
    while (this.#pending.length < size && (await this.#pull())) {
      // keep pulling until `size` bytes are buffered or the input ends
    }
    return this.#take(Math.min(size, this.#pending.length));
  }

  async #readline(size: number | undefined): Promise<Uint8Array> {
    const limit = size === undefined || size < 0 ? Number.POSITIVE_INFINITY : size;
    if (limit === 0) return EMPTY;
    let searchFrom = 0;
    for (;;) {
      const newline = this.#pending.indexOf(LF, searchFrom);
      if (newline !== -1 && newline < limit) return this.#take(newline + 1);
      if (this.#pending.length >= limit) return this.#take(limit);
      searchFrom = this.#pending.length;
      if (!(await this.#pull())) return this.#take(this.#pending.length);
    }
  }

  async #nextChunk(): Promise<Uint8Array> {
    if (this.#pending.length === 0 && !(await this.#pull())) return EMPTY;
    return this.#take(this.#pending.length);
  }

  #take(count: number): Uint8Array {
    const taken = this.#pending.subarray(0, count);
    this.#pending = this.#pending.subarray(count);
    return taken;
  }

  /** Appends the next source chunk to #pending; false once the input has ended. */
  async #pull(): Promise<boolean> {
    if (this.#ended) return false;
    if (this.#onFirstRead !== undefined) {
      const onFirstRead = this.#onFirstRead;
      this.#onFirstRead = undefined;
      onFirstRead();
    }
    this.#iterator ??= this.#source[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.#iterator.next();
      if (next.done === true) {
        this.#ended = true;
        if (Number.isFinite(this.#remaining)) {
          throw new GatewayError("ERR_GATEWAY_INPUT_INCOMPLETE", `request body ended ${this.#remaining} bytes short of its Content-Length`, { status: 400 });
        }
        return false;
      }
      let chunk = next.value;
      if (chunk.length === 0) continue;
      if (chunk.length >= this.#remaining) {
        chunk = chunk.subarray(0, this.#remaining);
        this.#remaining = 0;
        this.#ended = true;
      } else {
        this.#remaining -= chunk.length;
      }
      this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
      return true;
    }
  }
}

/** Creates `gateway.input` over a body source (an IncomingMessage, a decoder's output, a test array). */
export function createInputStream(source: AsyncIterable<Uint8Array>, options: InputStreamOptions = {}): InputStream {
  return new BodyInputStream(source, options);
}

const NO_BODY: AsyncIterable<Uint8Array> = {
  [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }),
};

/** An input stream with no body (GET, or Content-Length: 0). */
export function createEmptyInputStream(): InputStream {
  return new BodyInputStream(NO_BODY, { contentLength: 0 });
}
