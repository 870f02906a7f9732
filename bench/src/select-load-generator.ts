// Chooses the load generator: wrk where installed, else autocannon (always installed with the bench).
import { AutocannonLoad } from "./autocannon-load.js";
import type { LoadGenerator } from "./load-generator.js";
import type { ProcessTracker } from "./process-tracker.js";
import { detectWrk, WrkLoad } from "./wrk-load.js";

/** The chosen generator, and a note for the report when it had to fall back. */
export interface LoadGeneratorChoice {
  generator: LoadGenerator;
  note: string | undefined;
}

/** wrk (pinned, one thread) when installed; autocannon otherwise, or when `preferAutocannon` is set. */
export function selectLoadGenerator(scratchDirectory: string, tracker: ProcessTracker, preferAutocannon: boolean): LoadGeneratorChoice {
  const wrk = preferAutocannon ? undefined : detectWrk();
  if (wrk !== undefined) return { generator: new WrkLoad(wrk, scratchDirectory, tracker), note: undefined };
  const note = preferAutocannon
    ? "autocannon chosen with --autocannon"
    : "wrk is not installed (Debian: apt-get install wrk): autocannon, a Node process, generates the load, so absolute figures are lower and the fastest servers may be limited by the generator";
  return { generator: new AutocannonLoad(tracker), note };
}
