/** Decides which byte ranges of a representation to send, from Range and If-Range (RFC 9110 §14). Pure. */
import parseRange from "range-parser";
import { isEntityTagListMatch } from "./entity-tag.js";
import { parseHttpDate } from "./http-date.js";
import type { Validators } from "./evaluate-preconditions.js";

/** An inclusive byte range. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Most ranges honoured in one request after overlapping and adjacent ones are merged; beyond it the
 * Range header is ignored and the whole file sent (RFC 9110 §14.2 allows ignoring; guards against
 * many-small-ranges amplification, CVE-2011-3192).
 */
export const MAX_BYTE_RANGES = 16;

/** undefined: send the whole representation; "unsatisfiable": 416; else the ranges for a 206. */
export type RangeSelection = readonly ByteRange[] | "unsatisfiable" | undefined;

function isIfRangeMatch(ifRange: string, validators: Validators): boolean {
  const trimmed = ifRange.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith("W/")) {
    // RFC 9110 §13.1.5: an entity-tag matches only by strong comparison, and the field holds exactly one.
    return isEntityTagListMatch(trimmed, validators.etag, false);
  }
  // A date matches only when it is exactly the representation's Last-Modified (§13.1.5).
  const date = parseHttpDate(trimmed);
  return date !== undefined && validators.lastModifiedMs !== undefined && date === validators.lastModifiedMs;
}

/**
 * Selects ranges for a GET (the caller must not call it for HEAD: RFC 9110 §14.2 defines Range for GET
 * only). A Range header that is not "bytes", is invalid, or has more than MAX_BYTE_RANGES ranges is ignored;
 * If-Range that does not match makes the whole representation the answer (§13.2.2 step 5).
 */
export function selectByteRanges(range: string | undefined, ifRange: string | undefined, size: number, validators: Validators): RangeSelection {
  if (range === undefined) return undefined;
  if (ifRange !== undefined && !isIfRangeMatch(ifRange, validators)) return undefined;
  const ranges = parseRange(size, range, { combine: true });
  if (ranges === -2) return undefined;
  if (ranges === -1) return "unsatisfiable";
  if (ranges.type !== "bytes" || ranges.length > MAX_BYTE_RANGES) return undefined;
  // A plain array of plain ranges (range-parser's carries a "type" property).
  return ranges.map(({ start, end }) => ({ start, end }));
}
