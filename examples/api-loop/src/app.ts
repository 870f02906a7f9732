// The api-loop example's application: wires the resources onto a ResourceApp. Server-neutral: no server import.
import type { Application } from "@patchbay/gateway";
import { ResourceApp } from "@patchbay/framework-resources";
import { ApiIndexResource } from "./api-index-resource.js";
import { NoteStore } from "./note-store.js";
import { NotesResource } from "./notes-resource.js";

/** Largest request body the API reads (a note is small; 64 KiB leaves room for MAX_BODY_LENGTH in UTF-8). */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** Builds the notes API over `store` (default: a new, empty one). */
export function createApiApp(store: NoteStore = new NoteStore()): Application {
  const notes = new NotesResource(store, "/notes");
  return new ResourceApp({ maxBodyBytes: MAX_REQUEST_BODY_BYTES })
    .addRoute("/", new ApiIndexResource())
    .addRoute("/notes", notes)
    .addRoute("/notes/{id:int(min=1)}", notes, { suffix: "Item" }).application;
}

/** The application the start script serves: `patchbay-loop src/app.ts:app`. */
export const app: Application = createApiApp();
