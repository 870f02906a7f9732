// The blog-cluster example's application: a guestbook on framework-routes. Server-neutral: no server import.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Application } from "@patchbay/gateway";
import { RouteApp, html, redirect } from "@patchbay/framework-routes";
import { checkEntryForm } from "./entry-form.js";
import { EntryStore } from "./entry-store.js";
import { guestbookPage } from "./guestbook-page.js";

/** Environment variable naming the directory of the entries file (tests point it at a temporary one). */
export const DATA_DIR_VARIABLE = "BLOG_DATA_DIR";
/** Default data directory: `data/` beside `src/`, whatever the working directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../data/", import.meta.url));
/** The entries file's name inside the data directory. */
export const ENTRIES_FILE_NAME = "entries.json";
/** Largest form body read: a name and a message fit in far less (the default would be 1 MiB). */
export const MAX_FORM_BODY_BYTES = 16 * 1024;

/**
 * Builds the guestbook over `store`: GET / shows the form and the entries, POST / stores a valid entry
 * and answers 303 See Other to GET / (POST/redirect/GET, so a reload does not post twice; RFC 9110
 * §15.4.4), or 422 with the page, the problems and the visitor's text when the form is not valid.
 */
export function createBlogApp(store: EntryStore): Application {
  const app = new RouteApp({ maxBodyBytes: MAX_FORM_BODY_BYTES });

  app.get("/", async (request) => guestbookPage({ entries: await store.list(), formAction: request.urlFor("home") }), { name: "home" });

  app.post("/", async (request) => {
    const form = await request.form();
    const result = checkEntryForm((name) => form.getAll(name));
    if (!result.ok) {
      const page = guestbookPage({ entries: await store.list(), formAction: request.urlFor("home"), problems: result.problems, values: result.values });
      return html(page, { status: 422 });
    }
    const entry = await store.add(result.input);
    return redirect(`${request.urlFor("home")}#entry-${entry.id}`, 303);
  });

  app.after((_request, response) => {
    // The page holds visitors' text: no MIME sniffing, and no framing by other sites.
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
  });
  return app.application;
}

/** The store the start script's app uses: `$BLOG_DATA_DIR/entries.json`, default `data/entries.json`. */
export function storeFromEnvironment(environment: Readonly<Record<string, string | undefined>> = process.env): EntryStore {
  const directory = environment[DATA_DIR_VARIABLE];
  return new EntryStore(join(directory === undefined || directory === "" ? DEFAULT_DATA_DIR : directory, ENTRIES_FILE_NAME));
}

/** The application the start script serves: `patchbay-cluster --root public src/app.ts:app`. */
export const app: Application = createBlogApp(storeFromEnvironment());
