// Picks the median of a few measured runs; pure arithmetic, no I/O.

/**
 * Returns the index of the median element of `values` (for an even count, the lower middle one, so the
 * figure is always one real run and its latencies belong to it). Throws on an empty list.
 */
export function medianIndex(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("medianIndex: no values");
  const order = values.map((_, index) => index).sort((left, right) => (values[left] as number) - (values[right] as number));
  return order[Math.floor((order.length - 1) / 2)] as number;
}
