/** A ResponseSink that keeps the response in memory: for callApp and for testing servers' logic without sockets. */
import type { ResponseHead, ResponseSink } from "./response-sink.js";

/** Collects one response: its head, its body bytes, and how it ended. */
export class MemorySink implements ResponseSink {
  head: ResponseHead | undefined;
  readonly #chunks: Uint8Array[] = [];
  /** A whole body's text from endWithText(), encoded when the body is first read (as a socket sink encodes in its write). */
  #text: string | undefined;
  ended = false;
  abortedWith: Error | undefined;
  clientGone = false;

  sendHead(head: ResponseHead): void {
    if (this.head !== undefined) throw new Error("sendHead called twice");
    this.head = head;
  }

  /** The body chunks received so far, in order. */
  get chunks(): Uint8Array[] {
    if (this.#text !== undefined) {
      this.#chunks.push(Buffer.from(this.#text, "utf8"));
      this.#text = undefined;
    }
    return this.#chunks;
  }

  write(chunk: Uint8Array): boolean {
    if (this.head === undefined) throw new Error("write before sendHead");
    this.#chunks.push(chunk);
    return true;
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }

  end(): void {
    this.ended = true;
  }

  endWithText(text: string): void {
    if (this.head === undefined) throw new Error("write before sendHead");
    this.#text = text;
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
