/** Parses application/x-www-form-urlencoded text (query strings, form bodies) into a field map. No I/O. */

/** Parsed fields: one string per name, or an array when the name repeats (in arrival order). */
export type FormFields = Record<string, string | string[] | undefined>;

/**
 * Parses `text` with the WHATWG urlencoded parser ("+" is a space, percent escapes decoded, invalid
 * escapes kept literally). The result has no prototype, so a field named "__proto__" is just a field.
 */
export function parseUrlEncoded(text: string): FormFields {
  const fields: FormFields = Object.create(null) as FormFields;
  if (text === "") return fields;
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = fields[name];
    if (previous === undefined) fields[name] = value;
    else if (typeof previous === "string") fields[name] = [previous, value];
    else previous.push(value);
  }
  return fields;
}
