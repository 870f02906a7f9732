/** The carry-over buffer of the incremental parsers: a line split across reads is copied here until it completes. */

/**
 * Copies `source[start, end)` after the first `pendingLength` bytes of `pending`, growing it (at least
 * `minimumBytes`, else twice what is needed) when it is missing or too small. Returns the buffer to keep:
 * `pending` itself or its grown copy. The caller adds `end - start` to its length.
 */
export function appendPending(pending: Buffer | undefined, pendingLength: number, source: Buffer, start: number, end: number, minimumBytes: number): Buffer {
  const needed = pendingLength + (end - start);
  let target = pending;
  if (target === undefined || target.length < needed) {
    target = Buffer.allocUnsafe(Math.max(minimumBytes, needed * 2));
    if (pending !== undefined) pending.copy(target, 0, 0, pendingLength);
  }
  source.copy(target, pendingLength, start, end);
  return target;
}
