// Says how far a figure's runs spread around their median, to flag figures the machine's other work disturbed; pure.

/** Above this spread between the fastest and the slowest run (in % of the median), a figure is flagged as noisy. */
export const NOISY_SPREAD_PERCENT = 25;

/** (fastest - slowest) / median, in percent. */
export function spreadPercent(values: readonly number[], median: number): number {
  return ((Math.max(...values) - Math.min(...values)) / median) * 100;
}

/** True when the runs spread by more than NOISY_SPREAD_PERCENT of the median. */
export function isNoisy(values: readonly number[], median: number): boolean {
  return spreadPercent(values, median) > NOISY_SPREAD_PERCENT;
}
