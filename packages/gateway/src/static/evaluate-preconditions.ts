/** Evaluates conditional request headers against a representation, in RFC 9110 §13.2.2 order. Pure. */
import type { Environ } from "../types.js";
import { isEntityTagListMatch } from "./entity-tag.js";
import { parseHttpDate } from "./http-date.js";

/** The validators of the selected representation. */
export interface Validators {
  readonly etag: string | undefined;
  /** Last modification in epoch ms, whole seconds; undefined when the representation has none. */
  readonly lastModifiedMs: number | undefined;
}

/** The outcome: go on (0), answer 304 Not Modified, or answer 412 Precondition Failed. */
export type PreconditionOutcome = 0 | 304 | 412;

/**
 * Applies If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since for a GET or HEAD of an
 * existing representation (RFC 9110 §13.2.2 steps 1–4). If-Range is the range module's (step 5).
 * An invalid date makes its header ignored (RFC 9110 §13.1.3, §13.1.4).
 */
export function evaluatePreconditions(environ: Environ, validators: Validators): PreconditionOutcome {
  const ifMatch = environ.HTTP_IF_MATCH;
  if (ifMatch !== undefined) {
    // Step 1: strong comparison (§13.1.1); "*" matches any existing representation.
    if (!isEntityTagListMatch(ifMatch, validators.etag, false)) return 412;
  } else {
    const ifUnmodifiedSince = environ.HTTP_IF_UNMODIFIED_SINCE;
    if (ifUnmodifiedSince !== undefined && validators.lastModifiedMs !== undefined) {
      // Step 2 (§13.1.4): only evaluated without If-Match.
      const date = parseHttpDate(ifUnmodifiedSince);
      if (date !== undefined && validators.lastModifiedMs > date) return 412;
    }
  }
  const ifNoneMatch = environ.HTTP_IF_NONE_MATCH;
  if (ifNoneMatch !== undefined) {
    // Step 3: weak comparison (§13.1.2); a match is 304 for GET/HEAD.
    return isEntityTagListMatch(ifNoneMatch, validators.etag, true) ? 304 : 0;
  }
  const ifModifiedSince = environ.HTTP_IF_MODIFIED_SINCE;
  if (ifModifiedSince !== undefined && validators.lastModifiedMs !== undefined) {
    // Step 4 (§13.1.3): only without If-None-Match.
    const date = parseHttpDate(ifModifiedSince);
    if (date !== undefined && validators.lastModifiedMs <= date) return 304;
  }
  return 0;
}
