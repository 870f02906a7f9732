/**
 * Wraps `gateway.input` to check both sides of G-3: how the application calls it (G-3.9) and what the
 * server's stream answers (G-3.1–G-3.6, G-3.8). Passes every byte through unchanged; never buffers.
 */
import type { InputStream } from "../types.js";
import type { ViolationReporter } from "./violation-reporter.js";

const LF = 10;

/** An InputStream that checks every call and every answer. */
export class ValidatedInputStream implements InputStream {
  readonly #inner: InputStream;
  readonly #reporter: ViolationReporter;
  readonly #contentLength: number | undefined;
  #total = 0;
  /** The stream answered "end" (an empty result to a non-zero request). */
  #ended = false;
  /** The stream gave a short answer that is only allowed at the end: the next answer must be empty. */
  #shortReported = false;
  #mustEnd: "G-3.1" | "G-3.2" | "G-3.3" | undefined;

  constructor(inner: InputStream, reporter: ViolationReporter, contentLength: number | undefined) {
    this.#inner = inner;
    this.#reporter = reporter;
    this.#contentLength = contentLength;
  }

  async read(size?: number): Promise<Uint8Array> {
    this.#checkSize("read", size);
    const bytes = await (size === undefined ? this.#inner.read() : this.#inner.read(size));
    if (!this.#checkBytes("read", bytes)) return bytes;
    if (size !== undefined && bytes.length > size) {
      this.#reporter.violation("G-3.1", "server", `read(${size}) returned ${bytes.length} bytes`);
    }
    if (size === 0) return bytes;
    this.#account(bytes);
    if (size === undefined) {
      // read() is "everything that is left": short of CONTENT_LENGTH means the body ended early.
      this.#checkComplete();
      this.#mustEnd ??= "G-3.2";
    }
    else if (bytes.length > 0 && bytes.length < size) this.#mustEnd ??= "G-3.1";
    return bytes;
  }

  async readline(size?: number): Promise<Uint8Array> {
    this.#checkSize("readline", size);
    const bytes = await (size === undefined ? this.#inner.readline() : this.#inner.readline(size));
    if (!this.#checkBytes("readline", bytes)) return bytes;
    if (size === 0) return bytes;
    if (size !== undefined && bytes.length > size) {
      this.#reporter.violation("G-3.3", "server", `readline(${size}) returned ${bytes.length} bytes`);
    }
    const newline = bytes.indexOf(LF);
    if (newline !== -1 && newline !== bytes.length - 1) {
      this.#reporter.violation("G-3.3", "server", `readline() returned bytes past the first LF (LF at ${newline} of ${bytes.length})`);
    }
    this.#account(bytes);
    if (bytes.length > 0 && newline === -1 && (size === undefined || bytes.length < size)) this.#mustEnd ??= "G-3.3";
    return bytes;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for await (const chunk of this.#inner) {
      if (!this.#checkBytes("iteration", chunk)) {
        yield chunk;
        continue;
      }
      if (chunk.length === 0) this.#reporter.violation("G-3.4", "server", "async iteration yielded an empty chunk (the end is the end of iteration)");
      else this.#account(chunk);
      yield chunk;
    }
    this.#account(new Uint8Array(0));
  }

  #checkSize(operation: string, size: number | undefined): void {
    if (size !== undefined && !(Number.isInteger(size) && size >= 0)) {
      this.#reporter.violation("G-3.9", "application", `${operation}(size) takes a non-negative integer or nothing, got ${String(size)}`);
    }
  }

  #checkBytes(operation: string, bytes: unknown): bytes is Uint8Array {
    if (bytes instanceof Uint8Array) return true;
    this.#reporter.violation("G-3.1", "server", `${operation} must resolve to a Uint8Array, got ${typeof bytes}`);
    return false;
  }

  /** At the end of input: the body must have reached CONTENT_LENGTH, or the read should have rejected (G-3.8). */
  #checkComplete(): void {
    if (this.#shortReported || this.#contentLength === undefined || this.#total >= this.#contentLength) return;
    this.#shortReported = true;
    this.#reporter.violation("G-3.8", "server", `input ended after ${this.#total} of CONTENT_LENGTH ${this.#contentLength} bytes without an error`);
  }

  /** Counts an answer and checks the end-of-input rules. */
  #account(bytes: Uint8Array): void {
    if (bytes.length === 0) {
      this.#checkComplete();
      this.#ended = true;
      return;
    }
    if (this.#ended) {
      this.#reporter.violation("G-3.5", "server", `input returned ${bytes.length} bytes after it had signalled its end`);
    } else if (this.#mustEnd !== undefined) {
      this.#reporter.violation(this.#mustEnd, "server", `input returned more bytes after a short answer, which is only allowed at the end of input`);
    }
    this.#total += bytes.length;
    if (this.#contentLength !== undefined && this.#total > this.#contentLength) {
      this.#reporter.violation("G-3.6", "server", `input produced ${this.#total} bytes, more than CONTENT_LENGTH ${this.#contentLength}`);
    }
  }
}
