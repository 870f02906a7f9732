/** `gateway.file_wrapper`: a file (or byte range of one) as a body that streams with backpressure. */
import { open, type FileHandle } from "node:fs/promises";
import type { FileBody, FileWrapper, FileWrapperOptions } from "./types.js";

/**
 * Default read size. 256 KiB rather than a stream's 64 KiB: a 4 MiB file takes 16 reads and 16 awaited
 * writes instead of 64 (the per-chunk promise, syscall and drain round trips dominated its CPU cost);
 * at most one block per response is held in memory while the socket drains.
 */
export const FILE_BLOCK_BYTES = 256 * 1024;

/**
 * Reads the file with positioned FileHandle reads into a fresh Buffer per block (the sink may still hold
 * the previous one): no ReadStream, whose buffering and async-iterator adapter cost more than the reads.
 */
class FileRangeBody implements FileBody {
  readonly filePath: string;
  readonly start: number;
  readonly end: number | undefined;
  readonly #blockSize: number;
  #handle: FileHandle | undefined;
  /** A read (or the open) is in flight: close() leaves the handle to the iteration, which stops after it. */
  #busy = false;
  #closed = false;

  constructor(filePath: string, options: FileWrapperOptions) {
    this.filePath = filePath;
    this.start = options.start ?? 0;
    this.end = options.end;
    this.#blockSize = options.blockSize ?? FILE_BLOCK_BYTES;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.#closed) throw new Error(`file body for ${this.filePath} is closed`);
    return this.#read();
  }

  async *#read(): AsyncGenerator<Uint8Array, void, undefined> {
    let position = this.start;
    let remaining = this.end === undefined ? Number.POSITIVE_INFINITY : this.end - this.start + 1;
    // This iteration's own handle: a second iteration of the body must not close the first one's.
    let handle: FileHandle | undefined;
    try {
      this.#busy = true;
      handle = await open(this.filePath, "r");
      this.#handle = handle;
      this.#busy = false;
      while (remaining > 0 && !this.#closed) {
        const size = Math.min(this.#blockSize, remaining);
        const buffer = Buffer.allocUnsafe(size);
        this.#busy = true;
        const { bytesRead } = await handle.read(buffer, 0, size, position);
        this.#busy = false;
        // End of file (a range past it, or a file that shrank) ends the body, as a ReadStream does.
        if (bytesRead === 0 || this.#closed) return;
        position += bytesRead;
        remaining -= bytesRead;
        yield bytesRead === size ? buffer : buffer.subarray(0, bytesRead);
      }
    } finally {
      this.#busy = false;
      if (this.#handle === handle) this.#handle = undefined;
      // FileHandle#close is idempotent: close() may have closed it already.
      await handle?.close();
    }
  }

  close(): Promise<void> {
    this.#closed = true;
    const handle = this.#handle;
    // Mid-read, the iteration sees #closed when the read settles and closes its handle itself.
    if (this.#busy || handle === undefined) return Promise.resolve();
    this.#handle = undefined;
    return handle.close();
  }
}

/** Wraps `filePath` (from `start` to the inclusive `end`) as a body; the file opens on first iteration. */
export const fileWrapper: FileWrapper = (filePath, options = {}) => new FileRangeBody(filePath, options);

/** True when a body came from a file wrapper, so a server may send it by a faster route. */
export function isFileBody(body: unknown): body is FileBody {
  return typeof body === "object" && body !== null && typeof (body as FileBody).filePath === "string" && typeof (body as FileBody).start === "number";
}
