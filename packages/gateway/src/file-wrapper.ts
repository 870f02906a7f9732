/** `gateway.file_wrapper`: a file (or byte range of one) as a body that streams with backpressure. */
import { createReadStream, type ReadStream } from "node:fs";
import type { FileBody, FileWrapper, FileWrapperOptions } from "./types.js";

/** Default read size: large enough to keep the socket busy, small enough to bound memory. */
export const FILE_BLOCK_BYTES = 64 * 1024;

class FileStreamBody implements FileBody {
  readonly filePath: string;
  readonly start: number;
  readonly end: number | undefined;
  readonly #blockSize: number;
  #stream: ReadStream | undefined;
  #closed = false;

  constructor(filePath: string, options: FileWrapperOptions) {
    this.filePath = filePath;
    this.start = options.start ?? 0;
    this.end = options.end;
    this.#blockSize = options.blockSize ?? FILE_BLOCK_BYTES;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.#closed) throw new Error(`file body for ${this.filePath} is closed`);
    this.#stream = createReadStream(this.filePath, {
      start: this.start,
      ...(this.end === undefined ? {} : { end: this.end }),
      highWaterMark: this.#blockSize,
    });
    return this.#stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#stream?.destroy();
    return Promise.resolve();
  }
}

/** Wraps `filePath` (from `start` to the inclusive `end`) as a body; the file opens on first iteration. */
export const fileWrapper: FileWrapper = (filePath, options = {}) => new FileStreamBody(filePath, options);

/** True when a body came from a file wrapper, so a server may send it by a faster route. */
export function isFileBody(body: unknown): body is FileBody {
  return typeof body === "object" && body !== null && typeof (body as FileBody).filePath === "string" && typeof (body as FileBody).start === "number";
}
