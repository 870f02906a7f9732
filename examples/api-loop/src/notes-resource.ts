// The /notes collection and /notes/{id} items as one Falcon-style resource; HTTP mapping only, storage is NoteStore's.
import { HTTPNotFound } from "@patchbay/framework-resources";
import type { Request, Response } from "@patchbay/framework-resources";
import { parseNoteInput } from "./note-input.js";
import type { Note, NoteStore } from "./note-store.js";

/** The parameters of an item route, `/notes/{id:int(min=1)}`. */
interface ItemParams {
  id: number;
}

/**
 * Responders for the collection (onGet, onPost) and, mounted with `suffix: "Item"`, for one note
 * (onGetItem, onPutItem, onDeleteItem). HEAD, OPTIONS and 405 with Allow come from the framework.
 */
export class NotesResource {
  readonly #store: NoteStore;
  /** The collection's path, for Location headers (the app may be mounted below a SCRIPT_NAME). */
  readonly #path: string;

  /** `path` is where the collection is routed, e.g. "/notes". */
  constructor(store: NoteStore, path: string) {
    this.#store = store;
    this.#path = path;
  }

  #find(id: number): Note {
    const note = this.#store.get(id);
    if (note === undefined) throw new HTTPNotFound({ detail: `no note ${id}` });
    return note;
  }

  /** GET /notes: every note, oldest first. */
  onGet(_request: Request, response: Response): void {
    response.media = this.#store.list();
  }

  /** POST /notes: 201 with the new note and its Location (RFC 9110 §15.3.2). */
  async onPost(request: Request, response: Response): Promise<void> {
    const note = this.#store.create(parseNoteInput(await request.getMedia()));
    response.status = 201;
    response.setHeader("Location", `${request.scriptName}${this.#path}/${note.id}`);
    response.media = note;
  }

  /** GET /notes/{id}: the note, or 404 as application/problem+json. */
  onGetItem(_request: Request, response: Response, params: ItemParams): void {
    response.media = this.#find(params.id);
  }

  /** PUT /notes/{id}: replaces title and body of an existing note (no create-by-PUT: ids are the server's). */
  async onPutItem(request: Request, response: Response, params: ItemParams): Promise<void> {
    this.#find(params.id);
    const input = parseNoteInput(await request.getMedia());
    response.media = this.#store.replace(params.id, input);
  }

  /** DELETE /notes/{id}: 204 No Content (RFC 9110 §9.3.5), 404 when it was not there. */
  onDeleteItem(_request: Request, response: Response, params: ItemParams): void {
    if (!this.#store.delete(params.id)) throw new HTTPNotFound({ detail: `no note ${params.id}` });
    response.status = 204;
  }
}
