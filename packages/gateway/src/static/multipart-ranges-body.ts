/** Builds a multipart/byteranges body (RFC 9110 §14.6) for several ranges of one file. Decides no status or headers. */
import { randomBytes } from "node:crypto";
import type { Body, FileBody } from "../types.js";
import type { ByteRange } from "./select-byte-ranges.js";

/** A multipart body with what its response headers need. */
export interface MultipartRanges {
  /** The response Content-Type: multipart/byteranges with its boundary. */
  readonly contentType: string;
  /** Exact body length in bytes, for Content-Length. */
  readonly length: number;
  readonly body: Body;
}

/** Where the part contents come from: the file's bytes in memory, or a file wrapper opening a range. */
export type RangeSource = Uint8Array | ((start: number, end: number) => FileBody);

/** A streamed multipart body: one file range at a time, with backpressure from the writer. */
class MultipartFileBody implements AsyncIterable<Uint8Array> {
  // One delimiter-and-headers block per range, then the closing delimiter.
  readonly #frames: readonly Uint8Array[];
  readonly #ranges: readonly ByteRange[];
  readonly #openRange: (start: number, end: number) => FileBody;
  #current: FileBody | undefined;
  #closed = false;

  constructor(frames: readonly Uint8Array[], ranges: readonly ByteRange[], openRange: (start: number, end: number) => FileBody) {
    this.#frames = frames;
    this.#ranges = ranges;
    this.#openRange = openRange;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (let index = 0; index < this.#ranges.length; index++) {
      if (this.#closed) return;
      yield this.#frames[index] as Uint8Array;
      const range = this.#ranges[index] as ByteRange;
      const part = this.#openRange(range.start, range.end);
      this.#current = part;
      try {
        for await (const chunk of part) yield chunk;
      } finally {
        this.#current = undefined;
        await part.close();
      }
    }
    if (!this.#closed) yield this.#frames[this.#ranges.length] as Uint8Array;
  }

  /** Stops the body and closes the open file range (the writer calls it once, on every path). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#current?.close();
  }
}

/**
 * Lays out the parts: each is "--boundary", its Content-Type and Content-Range, a blank line and the range's
 * bytes; the CRLF before each later delimiter belongs to the delimiter (RFC 2046 §5.1.1). The boundary is
 * random per response, so file contents cannot forge a part. With bytes in memory the body is an array
 * (one write per part, no file access); otherwise parts stream through `source`.
 */
export function createMultipartRanges(ranges: readonly ByteRange[], size: number, contentType: string, source: RangeSource): MultipartRanges {
  const boundary = randomBytes(12).toString("hex");
  const heads: Uint8Array[] = [];
  let length = 0;
  for (let index = 0; index < ranges.length; index++) {
    const range = ranges[index] as ByteRange;
    const head = Buffer.from(`${index === 0 ? "" : "\r\n"}--${boundary}\r\nContent-Type: ${contentType}\r\nContent-Range: bytes ${range.start}-${range.end}/${size}\r\n\r\n`, "latin1");
    heads.push(head);
    length += head.length + range.end - range.start + 1;
  }
  const trailer = Buffer.from(`\r\n--${boundary}--\r\n`, "latin1");
  length += trailer.length;
  let body: Body;
  if (typeof source === "function") {
    body = new MultipartFileBody([...heads, trailer], ranges, source);
  } else {
    const chunks: Uint8Array[] = [];
    for (let index = 0; index < ranges.length; index++) {
      const range = ranges[index] as ByteRange;
      chunks.push(heads[index] as Uint8Array, source.subarray(range.start, range.end + 1));
    }
    chunks.push(trailer);
    body = chunks;
  }
  return { contentType: `multipart/byteranges; boundary=${boundary}`, length, body };
}
