// Runs dispatch-runner in a pinned child process and turns its output into dispatch figures; measures nothing itself.
import { join } from "node:path";
import type { DispatchFigure } from "./bench-results.js";
import { pinnedCommand, type CpuPinning } from "./cpu-pinning.js";
import { DISPATCH_RESULT_MARKER } from "./dispatch-protocol.js";
import { medianIndex } from "./median.js";
import type { ProcessTracker } from "./process-tracker.js";
import { runCommand } from "./run-command.js";

/** Time the runner may take beyond its runs (start-up, warm-up) before it is killed. */
const RUNNER_OVERRUN_MS = 60_000;
/** The apps the runner measures. */
const DISPATCH_APP_COUNT = 4;

/** Runs the in-process dispatch bench (`runs` rounds of `runMs` per app) on the server's CPU; returns one figure per app. */
export async function runDispatchSection(benchDirectory: string, pinning: CpuPinning, runMs: number, runs: number, tracker: ProcessTracker): Promise<DispatchFigure[]> {
  const script = join(benchDirectory, "src", "dispatch-runner.ts");
  const { command, args } = pinnedCommand(pinning, pinning.serverCpus, process.execPath, ["--import", "tsx", script, String(runMs), String(runs)]);
  const timeoutMs = runMs * (runs + 1) * DISPATCH_APP_COUNT + RUNNER_OVERRUN_MS;
  const output = await runCommand(command, args, tracker, timeoutMs, benchDirectory);
  const line = output.stdout.split("\n").find((text) => text.startsWith(DISPATCH_RESULT_MARKER));
  if (output.exitCode !== 0 || line === undefined) throw new Error(`dispatch runner failed (exit ${output.exitCode}): ${output.stderr.slice(-2_000)}`);
  const results = JSON.parse(line.slice(DISPATCH_RESULT_MARKER.length)) as Record<string, number[]>;
  return Object.entries(results).map(([app, values]) => ({ app, operationsPerSecond: values[medianIndex(values)] as number, runs: values }));
}

/** The framework's cost against the bare app, in percent of the bare app's throughput (positive = slower). */
export function dispatchCostPercent(bare: number, framework: number): number {
  return (1 - framework / bare) * 100;
}
