// Checks a submitted guestbook form and turns it into an EntryInput or a list of problems; never stores.
import type { EntryInput } from "./entry-store.js";

/** Longest name accepted, in UTF-16 code units, after trimming. */
export const MAX_NAME_LENGTH = 60;
/** Longest message accepted, in UTF-16 code units, after trimming. */
export const MAX_MESSAGE_LENGTH = 1000;

/** The fields of the form as the visitor typed them, to fill the form again after a refusal. */
export interface EntryFormValues {
  readonly name: string;
  readonly message: string;
}

/** The outcome of checking a form: the entry to store, or what is wrong with it. */
export type EntryFormResult =
  | { readonly ok: true; readonly input: EntryInput }
  | { readonly ok: false; readonly problems: readonly string[]; readonly values: EntryFormValues };

/** Reads one form field; anything but exactly one value counts as empty (a hand-made request). */
function field(getAll: (name: string) => string[], name: string): string {
  const values = getAll(name);
  return values.length === 1 ? (values[0] ?? "") : "";
}

/**
 * Checks the fields `name` (1..MAX_NAME_LENGTH characters) and `message` (1..MAX_MESSAGE_LENGTH), both
 * trimmed; line breaks in a message are normalised to "\n". `getAll` is the form's getAll, so this works
 * with any framework's form object.
 */
export function checkEntryForm(getAll: (name: string) => string[]): EntryFormResult {
  const name = field(getAll, "name").trim();
  const message = field(getAll, "message").replaceAll("\r\n", "\n").trim();
  const problems: string[] = [];
  if (name === "") problems.push("Please give your name.");
  else if (name.length > MAX_NAME_LENGTH) problems.push(`Your name can be at most ${MAX_NAME_LENGTH} characters.`);
  if (message === "") problems.push("Please write a message.");
  else if (message.length > MAX_MESSAGE_LENGTH) problems.push(`Your message can be at most ${MAX_MESSAGE_LENGTH} characters.`);
  return problems.length === 0 ? { ok: true, input: { name, message } } : { ok: false, problems, values: { name, message } };
}
