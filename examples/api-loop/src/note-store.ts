// The notes themselves, in memory: create, list, read, replace, delete. Knows nothing of HTTP.

/** A note as the API sends it. */
export interface Note {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  /** ISO 8601 time of creation. */
  readonly createdAt: string;
  /** ISO 8601 time of the last change (equal to createdAt until the first replace). */
  readonly updatedAt: string;
}

/** What a client sends to create or replace a note. */
export interface NoteInput {
  readonly title: string;
  readonly body: string;
}

/**
 * An in-memory note store: ids count up from 1 and are never reused, the list keeps creation order.
 * One per process; under a multi-process server each worker would hold its own notes, which is why this
 * example runs on server-loop (see README).
 */
export class NoteStore {
  readonly #notes = new Map<number, Note>();
  readonly #now: () => Date;
  #lastId = 0;

  /** `now` is the clock for createdAt/updatedAt (default: the real one). */
  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  /** Every note, oldest first. */
  list(): Note[] {
    return [...this.#notes.values()];
  }

  /** One note, or undefined. */
  get(id: number): Note | undefined {
    return this.#notes.get(id);
  }

  /** Stores a new note and returns it with its id. */
  create(input: NoteInput): Note {
    const time = this.#now().toISOString();
    const note: Note = { id: ++this.#lastId, title: input.title, body: input.body, createdAt: time, updatedAt: time };
    this.#notes.set(note.id, note);
    return note;
  }

  /** Replaces title and body of an existing note; undefined when there is no such note. */
  replace(id: number, input: NoteInput): Note | undefined {
    const existing = this.#notes.get(id);
    if (existing === undefined) return undefined;
    const note: Note = { ...existing, title: input.title, body: input.body, updatedAt: this.#now().toISOString() };
    this.#notes.set(id, note);
    return note;
  }

  /** Removes a note; false when there was none. */
  delete(id: number): boolean {
    return this.#notes.delete(id);
  }
}
