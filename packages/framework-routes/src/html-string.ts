// Markup that is safe to send as HTML, and the escaping tagged template that builds it; no response knowledge.

/** A string of trusted HTML markup. Interpolated into `html`…`` as is; returned from a handler as text/html. */
export class HtmlString {
  /** The markup. */
  readonly value: string;

  constructor(value: string) {
    this.value = value;
  }

  toString(): string {
    return this.value;
  }
}

const HTML_SPECIALS = /[&<>"']/;
const HTML_SPECIALS_GLOBAL = /[&<>"']/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes the five characters that are special in HTML text and attribute values (quoted with " or '). */
export function escapeHtml(text: string): string {
  return HTML_SPECIALS.test(text) ? text.replace(HTML_SPECIALS_GLOBAL, (character) => HTML_ENTITIES[character] as string) : text;
}

/** Marks `markup` as trusted HTML: `html`…`` inserts it without escaping. Never pass user input. */
export function raw(markup: string): HtmlString {
  return new HtmlString(markup);
}

function renderValue(value: unknown): string {
  if (value instanceof HtmlString) return value.value;
  if (value === undefined || value === null || value === false) return "";
  if (typeof value === "string") return escapeHtml(value);
  // Lists render item by item, so `${items.map((item) => html`<li>${item}</li>`)}` works.
  if (typeof value === "object" && typeof (value as Iterable<unknown>)[Symbol.iterator] === "function") {
    let text = "";
    for (const item of value as Iterable<unknown>) text += renderValue(item);
    return text;
  }
  // Numbers, Dates and anything else with its own toString(); a plain object shows as "[object Object]".
  return escapeHtml((value as { toString(): string }).toString());
}

/**
 * The `html` tagged template: literal parts are trusted, every interpolated value is escaped unless it is an
 * HtmlString (`raw()` or a nested `html`…``). null, undefined and false render as nothing; arrays and other
 * iterables render each item.
 */
export function renderHtml(strings: readonly string[], values: readonly unknown[]): HtmlString {
  let markup = strings[0] ?? "";
  for (let index = 0; index < values.length; index++) markup += renderValue(values[index]) + (strings[index + 1] ?? "");
  return new HtmlString(markup);
}
