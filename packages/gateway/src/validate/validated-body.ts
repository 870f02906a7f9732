/**
 * Wraps the body an application returns: checks what the application yields (G-6) and how the server
 * iterates and closes it (G-7). Keeps the body's shape (array, sync or async iterable, file body) so the
 * server takes the same path as without the validator.
 */
import { isFileBody } from "../file-wrapper.js";
import type { Body, Chunk } from "../types.js";
import { recordBodyEnd, recordChunk } from "./record-chunk.js";
import type { ResponseState } from "./response-state.js";

type CloseResult = void | Promise<void>;

/** Checks the returned value and wraps it; returns it unchanged when it is not a body at all (G-6.1). */
export function validateBody(value: unknown, state: ResponseState): Body {
  if (typeof value === "string" || value instanceof Uint8Array) {
    state.markFailed();
    state.reporter.violation("G-6.1", "application", "the body must be an iterable of chunks (e.g. [text]), not a bare string or byte array");
    return value as unknown as Body;
  }
  const iterable = value as Partial<Iterable<unknown> & AsyncIterable<unknown>> | null;
  if (typeof iterable !== "object" || iterable === null || (typeof iterable[Symbol.iterator] !== "function" && typeof iterable[Symbol.asyncIterator] !== "function")) {
    state.markFailed();
    state.reporter.violation("G-6.1", "application", `the application must return an iterable or async iterable body, got ${value === null ? "null" : typeof value}`);
    return value as Body;
  }
  state.hasBody = true;
  const lifecycle = new BodyLifecycle(value as Body, state);
  if (Array.isArray(value)) return lifecycle.wrapArray(value as unknown[]);
  if (typeof iterable[Symbol.asyncIterator] === "function") return lifecycle.wrapAsync(value as AsyncIterable<unknown>);
  return lifecycle.wrapSync(value as Iterable<unknown>);
}

/** The checks every body shape shares: chunk accounting, end, close. */
class BodyLifecycle {
  readonly #body: Body;
  readonly #state: ResponseState;
  #lastWasNonEmpty = false;
  #pending = false;

  constructor(body: Body, state: ResponseState) {
    this.#body = body;
    this.#state = state;
  }

  readonly close = (): CloseResult => {
    const state = this.#state;
    state.closeCount++;
    if (state.closeCount > 1) {
      state.reporter.violation("G-7.2", "server", `close() called ${state.closeCount} times; it must be called exactly once`);
      return;
    }
    return typeof this.#body.close === "function" ? this.#body.close() : undefined;
  };

  /** An array is complete when returned: check it now, keep it an array so the server can frame it whole. */
  wrapArray(chunks: unknown[]): Body {
    this.#guard(() => {
      for (const chunk of chunks) recordChunk(this.#state, chunk, "G-6.2");
      recordBodyEnd(this.#state);
    });
    const copy = chunks.slice() as Chunk[] & { close?: () => CloseResult };
    copy.close = this.close;
    return copy;
  }

  wrapSync(iterable: Iterable<unknown>): Body {
    return {
      [Symbol.iterator]: (): Iterator<Chunk> => {
        const inner = iterable[Symbol.iterator]();
        return {
          next: () => this.#guard(() => this.#after(this.#before(() => inner.next()))),
          return: (value?: unknown) => {
            inner.return?.(value);
            return { done: true, value: undefined };
          },
        };
      },
      close: this.close,
    };
  }

  wrapAsync(iterable: AsyncIterable<unknown>): Body {
    const wrapper: AsyncIterable<Chunk> & { close: () => CloseResult } = {
      [Symbol.asyncIterator]: (): AsyncIterator<Chunk> => {
        const inner = iterable[Symbol.asyncIterator]();
        return {
          next: async () => {
            if (this.#pending) this.#state.reporter.violation("G-7.1", "server", "next() called on the body before the previous next() settled");
            this.#pending = true;
            try {
              const result = await this.#guardAsync(() => this.#before(() => inner.next()));
              return this.#guard(() => this.#after(result));
            } finally {
              this.#pending = false;
            }
          },
          return: async (value?: unknown) => {
            await inner.return?.(value);
            return { done: true, value: undefined };
          },
        };
      },
      close: this.close,
    };
    if (isFileBody(this.#body)) {
      // Keep the file-body identity, so a server may still send it by its fast route (G-10.2).
      const file = this.#body;
      this.#state.isFileBody = true;
      return Object.assign(wrapper, { filePath: file.filePath, start: file.start, end: file.end });
    }
    return wrapper;
  }

  /** Server-side checks before each pull (G-7.3, G-7.5), and the head-is-out bookkeeping (G-8.1). */
  #before<T>(pull: () => T): T {
    const state = this.#state;
    if (state.closeCount > 0) state.reporter.violation("G-7.3", "server", "the body was iterated after close()");
    if (state.clientGoneSeen) state.reporter.violation("G-7.5", "server", "the body was iterated after the server saw the client was gone");
    if (this.#lastWasNonEmpty) {
      // The server took a non-empty chunk and asks for more: by G-8.1 its head is on the way.
      state.headersOut = true;
      this.#lastWasNonEmpty = false;
    }
    return pull();
  }

  #after(result: IteratorResult<unknown>): IteratorResult<Chunk> {
    if (result.done === true) {
      recordBodyEnd(this.#state);
      return { done: true, value: undefined };
    }
    if (recordChunk(this.#state, result.value, "G-6.2") > 0) this.#lastWasNonEmpty = true;
    return result as IteratorResult<Chunk>;
  }

  /** Any throw out of the body (the application's or a violation) is an application failure for the sink checks. */
  #guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      this.#state.markFailed(error);
      throw error;
    }
  }

  async #guardAsync<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      this.#state.markFailed(error);
      throw error;
    }
  }
}
