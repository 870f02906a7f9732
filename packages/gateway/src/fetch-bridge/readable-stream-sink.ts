/**
 * A ResponseSink that feeds a WHATWG ReadableStream, for toFetchHandler. It owns the stream and its
 * backpressure; it never decides status, headers or framing (the shared writer does).
 */
import type { ResponseHead, ResponseSink } from "../response-sink.js";

/** Default high-water mark of the body stream: how many bytes may wait unread before write() says "drain". */
export const BODY_HIGH_WATER_MARK_BYTES = 64 * 1024;

/** Statuses whose fetch Response must have a null body (Fetch standard "null body status"; 1xx never reach a sink). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

/** Options for ReadableStreamSink. */
export interface ReadableStreamSinkOptions {
  /**
   * Called once, from sendHead, with the head and the body stream (null when the response has no body).
   * Not called when the client is already gone: nobody is there to receive the head.
   */
  onHead: (head: ResponseHead, body: ReadableStream<Uint8Array> | null) => void;
  /** Called once when the consumer cancels the body stream (the client went away). */
  onCancel?: (reason: unknown) => void;
  /** Bytes that may wait unread in the stream before write() returns false. Default BODY_HIGH_WATER_MARK_BYTES. */
  highWaterMarkBytes?: number;
}

function byteLength(chunk: Uint8Array): number {
  return chunk.byteLength;
}

/**
 * Turns the writer's calls into a ReadableStream: write() enqueues and returns false once the stream's
 * desiredSize drops to 0; drain() resolves on the consumer's next pull; a cancelled stream means the client is gone.
 */
export class ReadableStreamSink implements ResponseSink {
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #drainWaiter: (() => void) | undefined;
  #clientGone = false;
  #closed = false;
  readonly #options: ReadableStreamSinkOptions;

  constructor(options: ReadableStreamSinkOptions) {
    this.#options = options;
  }

  /** True once the consumer cancelled the body stream, or markClientGone() was called. */
  get clientGone(): boolean {
    return this.#clientGone;
  }

  sendHead(head: ResponseHead): void {
    if (this.#clientGone) return;
    if (head.framing === "none" || NULL_BODY_STATUSES.has(head.status)) {
      this.#closed = true;
      this.#options.onHead(head, null);
      return;
    }
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => {
          this.#releaseDrain();
        },
        cancel: (reason) => {
          this.#closed = true;
          this.#goAway();
          this.#options.onCancel?.(reason);
        },
      },
      { highWaterMark: this.#options.highWaterMarkBytes ?? BODY_HIGH_WATER_MARK_BYTES, size: byteLength },
    );
    this.#options.onHead(head, stream);
  }

  write(chunk: Uint8Array): boolean {
    const controller = this.#controller;
    // Bytes for a null-body response, or after the client left, have nowhere to go.
    if (this.#closed || controller === undefined) return true;
    controller.enqueue(chunk);
    return (controller.desiredSize ?? 0) > 0;
  }

  drain(): Promise<void> {
    const controller = this.#controller;
    if (this.#closed || controller === undefined || (controller.desiredSize ?? 0) > 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#drainWaiter = resolve;
    });
  }

  end(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#controller?.close();
  }

  abort(error: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    // An errored stream makes the runtime drop the connection: a truncated body never looks complete.
    this.#controller?.error(error);
  }

  /** The client is gone by another route (the request's signal): stop the writer and fail any reader still waiting. */
  markClientGone(reason: unknown): void {
    if (this.#clientGone) return;
    this.#goAway();
    if (this.#closed) return;
    this.#closed = true;
    this.#controller?.error(reason);
  }

  #goAway(): void {
    this.#clientGone = true;
    this.#releaseDrain();
  }

  #releaseDrain(): void {
    const waiter = this.#drainWaiter;
    if (waiter === undefined) return;
    this.#drainWaiter = undefined;
    waiter();
  }
}
