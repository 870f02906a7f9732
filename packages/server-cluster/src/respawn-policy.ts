/**
 * When to start a replacement for a worker that died: exponential backoff over consecutive early deaths,
 * so a crash loop does not spin the CPU, and the max-requests jitter. Pure arithmetic, no timers.
 */

/** A worker that dies sooner than this after it was forked counts as a failed start. */
export const EARLY_EXIT_MS = 5_000;
/** First backoff step after an early death. */
export const RESPAWN_BACKOFF_BASE_MS = 100;
/** Longest wait between two attempts in a crash loop. */
export const RESPAWN_BACKOFF_MAX_MS = 10_000;

/** Delay before the next fork after `failures` consecutive early deaths: 0, then 100 ms doubling up to 10 s. */
export function respawnDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(RESPAWN_BACKOFF_MAX_MS, RESPAWN_BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 20));
}

/**
 * One worker's request budget: `maxRequests` plus a uniform integer in [-jitter, +jitter], at least 1
 * (gunicorn adds randint(0, jitter); a symmetric spread keeps the mean at maxRequests). 0 stays 0 (never retire).
 */
export function pickMaxRequests(maxRequests: number, jitter: number, random: () => number = Math.random): number {
  if (maxRequests <= 0) return 0;
  const offset = Math.floor(random() * (2 * jitter + 1)) - jitter;
  return Math.max(1, maxRequests + offset);
}
