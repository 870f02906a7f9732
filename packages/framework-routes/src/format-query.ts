// Serialises query values for URLs built by urlFor; it never parses.

/** Query values for `urlFor`: arrays repeat the name; null and undefined are left out. */
export type QueryValues = Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[] | null | undefined>>;

/** The application/x-www-form-urlencoded query string of `query`, without "?" ("" when nothing is left). */
export function formatQuery(query: QueryValues): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value as readonly (string | number | boolean)[]) search.append(key, String(item));
    else search.append(key, String(value as string | number | boolean));
  }
  return search.toString();
}
