/** A ResponseSink that keeps the response in memory: for callApp and for testing servers' logic without sockets. */
import type { ResponseHead, ResponseSink } from "./response-sink.js";

/** Collects one response: its head, its body bytes, and how it ended. */
export class MemorySink implements ResponseSink {
  head: ResponseHead | undefined;
  readonly chunks: Uint8Array[] = [];
  ended = false;
  abortedWith: Error | undefined;
  clientGone = false;

  sendHead(head: ResponseHead): void {
    if (this.head !== undefined) throw new Error("sendHead called twice");
    this.head = head;
  }

  write(chunk: Uint8Array): boolean {
    if (this.head === undefined) throw new Error("write before sendHead");
    this.chunks.push(chunk);
    return true;
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }

  end(): void {
    this.ended = true;
  }

  abort(error: Error): void {
    this.abortedWith = error;
  }

  /** The body received so far as one byte array. */
  get body(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}
