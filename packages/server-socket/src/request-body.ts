/**
 * The source behind one request's `gateway.input`: decoded body bytes queued by the connection, pulled by the
 * app. It only queues and signals; it never touches the socket (the connection pauses and resumes reading).
 */

/** What a RequestBody tells its connection: the app wants bytes the queue does not hold. */
export interface RequestBodyOwner {
  /** The queue ran dry while the body is unfinished: read from the socket again. */
  resumeBody(): void;
}

/** The bytes queued beyond which the connection stops reading the socket until the app catches up. */
export const BODY_QUEUE_HIGH_WATER_BYTES = 64 * 1024;

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * An async iterator over decoded body chunks (views into the socket's buffers; never copied). The connection
 * calls push() / end() / fail(); `gateway.input` (createInputStream) pulls one chunk at a time with next().
 */
export class RequestBody implements AsyncIterableIterator<Uint8Array> {
  readonly #owner: RequestBodyOwner;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #ended = false;
  #error: Error | undefined;
  #waiting: { resolve: (result: IteratorResult<Uint8Array>) => void; reject: (error: Error) => void } | undefined;
  #started = false;

  constructor(owner: RequestBodyOwner) {
    this.#owner = owner;
  }

  /** True once the app asked for a first chunk. */
  get started(): boolean {
    return this.#started;
  }

  /** Bytes waiting for the app. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** True when the queue is at or above BODY_QUEUE_HIGH_WATER_BYTES: the connection should stop reading. */
  get isFull(): boolean {
    return this.#queuedBytes >= BODY_QUEUE_HIGH_WATER_BYTES;
  }

  /** Queues decoded chunks, or hands the first one straight to a waiting reader. */
  push(chunks: readonly Uint8Array[]): void {
    if (this.#ended || this.#error !== undefined) return;
    for (let index = 0; index < chunks.length; index++) {
      const chunk = chunks[index] as Uint8Array;
      if (chunk.length === 0) continue;
      const waiting = this.#waiting;
      if (waiting !== undefined) {
        this.#waiting = undefined;
        waiting.resolve({ done: false, value: chunk });
      } else {
        this.#queue.push(chunk);
        this.#queuedBytes += chunk.length;
      }
    }
  }

  /** The body is complete: a reader gets the queued chunks, then the end. */
  end(): void {
    if (this.#ended || this.#error !== undefined) return;
    this.#ended = true;
    const waiting = this.#waiting;
    if (waiting !== undefined && this.#queue.length === 0) {
      this.#waiting = undefined;
      waiting.resolve(DONE);
    }
  }

  /** The body cannot be completed (framing error, timeout, client gone): the next read rejects with `error`. */
  fail(error: Error): void {
    if (this.#ended || this.#error !== undefined) return;
    this.#error = error;
    this.#queue = [];
    this.#queuedBytes = 0;
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#waiting = undefined;
      waiting.reject(error);
    }
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    this.#started = true;
    if (this.#error !== undefined) return Promise.reject(this.#error);
    if (this.#queue.length > 0) {
      const chunk = this.#queue.shift() as Uint8Array;
      this.#queuedBytes -= chunk.length;
      // Ask for more before the app has to wait for it.
      if (this.#queue.length === 0 && !this.#ended) this.#owner.resumeBody();
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this.#ended) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#owner.resumeBody();
    });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this;
  }
}
