/** Picks a content coding from Accept-Encoding (RFC 9110 §12.5.3) among the precompressed siblings. Pure. */

/** A content coding we serve from a precompressed sibling file. */
export type ContentCoding = "br" | "gzip";

/** Sibling file suffix per content coding, in our preference order when the client weighs them equally. */
export const PRECOMPRESSED_SUFFIXES: readonly (readonly [ContentCoding, string])[] = [
  ["br", ".br"],
  ["gzip", ".gz"],
];

function parseQuality(parameters: string): number {
  // RFC 9110 §12.4.2: weight = OWS ";" OWS "q=" qvalue; other parameters are not defined for codings.
  const match = /(?:^|;)\s*q\s*=\s*([0-9.]+)\s*$/i.exec(parameters);
  if (match === null) return parameters.trim() === "" ? 1 : -1;
  const quality = Number(match[1]);
  return Number.isFinite(quality) && quality >= 0 && quality <= 1 ? quality : -1;
}

/**
 * Chooses the coding to send: the available coding with the highest q-value above 0, ties going to the
 * earlier entry of `available` and to a coding over identity. Identity wins only when its weight is
 * strictly higher: its own q-value when named, else the lowest q-value listed. No header, or an empty one, means identity: RFC 9110 §12.5.3 would allow any coding
 * without the header, but like nginx's gzip_static we compress only for clients that ask.
 * "x-gzip" counts as "gzip" (RFC 9110 §8.4.1.3) and "*" weighs every coding not named.
 * Returns the chosen coding, or undefined for identity.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly ContentCoding[]): ContentCoding | undefined {
  if (acceptEncoding === undefined || acceptEncoding === "" || available.length === 0) return undefined;
  let brQuality = -1;
  let gzipQuality = -1;
  let identityQuality = -1;
  let wildcardQuality = -1;
  let lowestListedQuality = 1;
  for (const element of acceptEncoding.split(",")) {
    const semicolon = element.indexOf(";");
    const name = (semicolon === -1 ? element : element.slice(0, semicolon)).trim().toLowerCase();
    if (name === "") continue;
    const quality = semicolon === -1 ? 1 : parseQuality(element.slice(semicolon + 1));
    if (quality < 0) continue;
    if (quality < lowestListedQuality) lowestListedQuality = quality;
    if (name === "br") brQuality = quality;
    else if (name === "gzip" || name === "x-gzip") gzipQuality = Math.max(gzipQuality, quality);
    else if (name === "identity") identityQuality = quality;
    else if (name === "*") wildcardQuality = quality;
  }
  // Identity is acceptable unless excluded by "identity;q=0" or by "*;q=0" without naming it (RFC 9110
  // §12.5.3). Unnamed, it ranks as the least-wanted coding listed (as the `negotiator` package does), so
  // "br;q=0.5, gzip;q=0.8" picks gzip: the client asked for codings, identity is only the fallback.
  if (identityQuality < 0) identityQuality = wildcardQuality === 0 ? 0 : lowestListedQuality;
  let best: ContentCoding | undefined;
  let bestQuality = 0;
  for (const coding of available) {
    let quality = coding === "br" ? brQuality : gzipQuality;
    if (quality < 0) quality = wildcardQuality;
    if (quality > bestQuality) {
      best = coding;
      bestQuality = quality;
    }
  }
  return best !== undefined && bestQuality >= identityQuality ? best : undefined;
}
