// The guestbook's entries in one JSON file, replaced atomically on each write. Knows nothing of HTTP.
import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";

/** One guestbook entry as stored and shown. */
export interface Entry {
  /** Counts up from 1. */
  readonly id: number;
  readonly name: string;
  readonly message: string;
  /** ISO 8601 time of creation. */
  readonly createdAt: string;
}

/** What a visitor submits. */
export interface EntryInput {
  readonly name: string;
  readonly message: string;
}

/** The file's identity and content at the last read: reused while the file has not changed. */
interface CachedRead {
  readonly inode: number;
  readonly modifiedMs: number;
  readonly size: number;
  /** Oldest first, as in the file. */
  readonly entries: readonly Entry[];
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.id === "number" && typeof entry.name === "string" && typeof entry.message === "string" && typeof entry.createdAt === "string";
}

/**
 * Entries in a JSON array file. Why a JSON file: no native build step (an SQLite driver would need one,
 * or node:sqlite, which Node 20 lacks), no extra service to run, and plenty for a demo's write rate.
 *
 * Writes are atomic: the new array goes to a temporary file in the same directory, is fsynced, then
 * renamed over the old one (rename(2) replaces it in one step), so a reader, in this process or in
 * another server-cluster worker, sees the old file or the new one, never half of one. Writes within one
 * process are queued, so none is lost; two workers writing in the same instant may still lose one of the
 * two entries (last rename wins), which a guestbook demo can live with and a real site would not (use a
 * database there). Reads re-parse the file only when its inode, mtime or size changed, so each worker
 * sees the other workers' entries.
 */
export class EntryStore {
  readonly #filePath: string;
  readonly #now: () => Date;
  #cache: CachedRead | undefined;
  /** The tail of the write queue: each add waits for the one before it. */
  #lastWrite: Promise<unknown> = Promise.resolve();

  /** `filePath` is the JSON file (created on the first add, with its directory); `now` is the clock (default: the real one). */
  constructor(filePath: string, now: () => Date = () => new Date()) {
    this.#filePath = filePath;
    this.#now = now;
  }

  /** The file this store reads and writes. */
  get filePath(): string {
    return this.#filePath;
  }

  /** Every entry, newest first; an empty list when the file does not exist yet. */
  async list(): Promise<Entry[]> {
    return (await this.#read()).slice().reverse();
  }

  /** Stores a new entry (the next id, the current time) and returns it once the file holds it. */
  add(input: EntryInput): Promise<Entry> {
    const write = this.#lastWrite.then(() => this.#append(input));
    // The queue goes on after a failed write; the failure still reaches this caller.
    this.#lastWrite = write.catch(() => undefined);
    return write;
  }

  async #append(input: EntryInput): Promise<Entry> {
    const entries = await this.#read();
    const lastId = entries.reduce((highest, entry) => Math.max(highest, entry.id), 0);
    const entry: Entry = { id: lastId + 1, name: input.name, message: input.message, createdAt: this.#now().toISOString() };
    await this.#replaceFile([...entries, entry]);
    return entry;
  }

  async #read(): Promise<readonly Entry[]> {
    let info: Stats;
    try {
      info = await stat(this.#filePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const cache = this.#cache;
    if (cache !== undefined && cache.inode === info.ino && cache.modifiedMs === info.mtimeMs && cache.size === info.size) return cache.entries;
    const parsed: unknown = JSON.parse(await readFile(this.#filePath, "utf8"));
    if (!Array.isArray(parsed) || !parsed.every(isEntry)) throw new Error(`${this.#filePath} is not a guestbook file (expected a JSON array of entries)`);
    this.#cache = { inode: info.ino, modifiedMs: info.mtimeMs, size: info.size, entries: parsed };
    return parsed;
  }

  async #replaceFile(entries: readonly Entry[]): Promise<void> {
    await mkdir(dirname(this.#filePath), { recursive: true });
    // Same directory as the target: rename(2) is only atomic within one file system.
    const temporaryPath = `${this.#filePath}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      const file = await open(temporaryPath, "wx");
      try {
        await file.writeFile(`${JSON.stringify(entries, null, 2)}\n`, "utf8");
        // Flush before the rename, so a crash cannot leave the new name pointing at unwritten blocks.
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporaryPath, this.#filePath);
    } catch (error) {
      await rm(temporaryPath, { force: true });
      throw error;
    }
  }
}
