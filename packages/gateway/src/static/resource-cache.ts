/**
 * Remembers what each request path resolved to (hits and misses) for a short time, bounded in entries,
 * and collapses concurrent lookups of one path into one. Knows nothing of files or HTTP.
 */
import type { Resolution } from "./resolve-resource.js";

interface Entry {
  readonly resolution: Resolution;
  readonly checkedAt: number;
}

/** A path → Resolution cache with a time-to-live and a bound on entries. */
export class ResourceCache {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  // Insertion order is eviction order: an entry moves to the end each time it is refreshed.
  readonly #entries = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<Resolution>>();
  readonly #onEvict: ((resolution: Resolution) => void) | undefined;

  /**
   * @param ttlMs how long a resolution is trusted without looking at the disk again (0: never)
   * @param maxEntries most paths remembered (0: none; the oldest refreshed entry goes first)
   * @param onEvict called with a resolution that leaves the cache, pushed out by the bound or replaced
   *   by a different one (to free what it holds, e.g. cached file bytes)
   */
  constructor(ttlMs: number, maxEntries: number, onEvict?: (resolution: Resolution) => void) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#onEvict = onEvict;
  }

  /** Number of paths remembered. */
  get size(): number {
    return this.#entries.size;
  }

  /** The resolution of `key` if it was checked less than the time-to-live before `now` (epoch ms). */
  fresh(key: string, now: number): Resolution | undefined {
    const entry = this.#entries.get(key);
    return entry !== undefined && now - entry.checkedAt < this.#ttlMs ? entry.resolution : undefined;
  }

  /**
   * Looks `key` up again with `lookup`, which receives the previous (stale) resolution so it can reuse
   * unchanged work; concurrent refreshes of one key share one lookup. A failed lookup is not remembered.
   */
  refresh(key: string, now: number, lookup: (previous: Resolution | undefined) => Promise<Resolution>): Promise<Resolution> {
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) return pending;
    const promise = lookup(this.#entries.get(key)?.resolution).then(
      (resolution) => {
        this.#inFlight.delete(key);
        this.#store(key, { resolution, checkedAt: now });
        return resolution;
      },
      (error: unknown) => {
        this.#inFlight.delete(key);
        throw error;
      },
    );
    this.#inFlight.set(key, promise);
    return promise;
  }

  #store(key: string, entry: Entry): void {
    if (this.#maxEntries === 0) return;
    const replaced = this.#entries.get(key);
    if (replaced !== undefined) {
      this.#entries.delete(key);
      if (replaced.resolution !== entry.resolution) this.#onEvict?.(replaced.resolution);
    }
    while (this.#entries.size >= this.#maxEntries) {
      const [oldestKey, oldest] = this.#entries.entries().next().value ?? [];
      if (oldestKey === undefined || oldest === undefined) break;
      this.#entries.delete(oldestKey);
      this.#onEvict?.(oldest.resolution);
    }
    this.#entries.set(key, entry);
  }
}
