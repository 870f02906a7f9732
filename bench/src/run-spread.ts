// Says how far a figure's runs spread around their median, to flag figures the machine's other work disturbed; pure.

/** Above this spread (in % of the median), a figure is flagged as noisy. */
export const NOISY_SPREAD_PERCENT = 25;
/** From this many runs on, the spread is the interquartile range, so one stalled round does not flag a figure. */
const INTERQUARTILE_FROM_RUNS = 5;

/**
 * (fastest - slowest) / median in percent for a few runs; for INTERQUARTILE_FROM_RUNS runs or more,
 * (upper quartile - lower quartile) / median.
 */
export function spreadPercent(values: readonly number[], median: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  if (sorted.length < INTERQUARTILE_FROM_RUNS) return (((sorted.at(-1) ?? 0) - (sorted[0] ?? 0)) / median) * 100;
  const lower = sorted[Math.floor((sorted.length - 1) / 4)] as number;
  const upper = sorted[Math.ceil(((sorted.length - 1) * 3) / 4)] as number;
  return ((upper - lower) / median) * 100;
}

/** True when the runs spread by more than NOISY_SPREAD_PERCENT of the median. */
export function isNoisy(values: readonly number[], median: number): boolean {
  return spreadPercent(values, median) > NOISY_SPREAD_PERCENT;
}
