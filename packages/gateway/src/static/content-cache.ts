/**
 * Bookkeeping for small files kept in memory: which representations hold their bytes, within a total
 * byte budget. It never reads files (resolve-resource does) and never decides what to serve.
 */
import type { StaticRepresentation } from "./static-representation.js";

/**
 * Bytes charged per cached file on top of its contents (the objects that hold it), so that even empty
 * files count against the budget and the number of entries stays bounded.
 */
export const ENTRY_OVERHEAD_BYTES = 256;

/** A first-in-first-out cache of file contents bounded by total bytes. */
export class ContentCache {
  readonly #maxBytes: number;
  readonly #maxFileBytes: number;
  // Insertion order is eviction order; the value is the byte count charged.
  readonly #holders = new Map<StaticRepresentation, number>();
  #totalBytes = 0;

  /**
   * @param maxBytes total bytes charged at most (0 keeps nothing)
   * @param maxFileBytes the largest file kept
   */
  constructor(maxBytes: number, maxFileBytes: number) {
    this.#maxBytes = maxBytes;
    this.#maxFileBytes = Math.min(maxFileBytes, maxBytes);
  }

  /** Bytes currently charged (contents plus ENTRY_OVERHEAD_BYTES per file). */
  get totalBytes(): number {
    return this.#totalBytes;
  }

  /** Whether a file of `size` bytes is worth reading into memory. */
  accepts(size: number): boolean {
    return size <= this.#maxFileBytes;
  }

  /** Stores `bytes` on `representation`, evicting the oldest holders to stay within budget. */
  admit(representation: StaticRepresentation, bytes: Uint8Array): void {
    if (!this.accepts(bytes.length)) return;
    this.release(representation);
    const charge = bytes.length + ENTRY_OVERHEAD_BYTES;
    if (charge > this.#maxBytes) return;
    while (this.#totalBytes + charge > this.#maxBytes) {
      const oldest = this.#holders.keys().next().value;
      if (oldest === undefined) break;
      this.release(oldest);
    }
    representation.bytes = bytes;
    this.#holders.set(representation, charge);
    this.#totalBytes += charge;
  }

  /** Drops the bytes of `representation` (a changed or evicted file). */
  release(representation: StaticRepresentation): void {
    const charged = this.#holders.get(representation);
    if (charged === undefined) return;
    this.#holders.delete(representation);
    this.#totalBytes -= charged;
    representation.bytes = undefined;
  }
}
