// Renders the guestbook's one HTML page; every value goes through the framework's escaping html tag. No I/O.
import { html } from "@patchbay/framework-routes";
import type { HtmlString } from "@patchbay/framework-routes";
import { MAX_MESSAGE_LENGTH, MAX_NAME_LENGTH, type EntryFormValues } from "./entry-form.js";
import type { Entry } from "./entry-store.js";

/** What the page shows. */
export interface GuestbookPageModel {
  /** Newest first. */
  readonly entries: readonly Entry[];
  /** Where the form posts (the app's mount point + "/"). */
  readonly formAction: string;
  /** Why the last submission was refused; empty after a GET. */
  readonly problems?: readonly string[];
  /** The refused submission, to fill the form again. */
  readonly values?: EntryFormValues;
}

/** A UTC time people read easily, e.g. "2026-11-24 19:58 UTC". */
function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function entryItem(entry: Entry): HtmlString {
  return html`<li class="entry" id="entry-${entry.id}">
      <p class="entry-message">${entry.message}</p>
      <p class="entry-meta">${entry.name} · <time datetime="${entry.createdAt}">${shortTime(entry.createdAt)}</time></p>
    </li>`;
}

/**
 * The whole page: header with the logo, the form (with problems and the refused values when given),
 * then the entries. The stylesheet and the image are static files from the server's document root
 * (`--root public`), so they are linked from "/" whatever the app's mount point.
 */
export function guestbookPage(model: GuestbookPageModel): HtmlString {
  const problems = model.problems ?? [];
  const values = model.values ?? { name: "", message: "" };
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>patchbay guestbook</title>
    <link rel="stylesheet" href="/style.css">
  </head>
  <body>
    <header class="site-header">
      <img class="logo" src="/patch-panel.png" alt="A patch panel with one jack in use" width="48" height="48">
      <h1>patchbay guestbook</h1>
    </header>
    <main>
      <form class="entry-form" method="post" action="${model.formAction}">
        ${problems.length === 0 ? null : html`<ul class="problems" role="alert">${problems.map((problem) => html`<li>${problem}</li>`)}</ul>`}
        <label>Name <input name="name" required maxlength="${MAX_NAME_LENGTH}" value="${values.name}"></label>
        <label>Message <textarea name="message" required maxlength="${MAX_MESSAGE_LENGTH}" rows="3">${values.message}</textarea></label>
        <button type="submit">Sign the guestbook</button>
      </form>
      ${model.entries.length === 0
        ? html`<p class="empty">No entries yet: be the first to sign.</p>`
        : html`<ol class="entries" reversed>${model.entries.map(entryItem)}</ol>`}
    </main>
  </body>
</html>
`;
}
