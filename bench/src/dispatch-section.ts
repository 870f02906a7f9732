// Runs dispatch-runner in pinned child processes, one app per process, and turns their output into dispatch
// figures; measures nothing itself.
import { join } from "node:path";
import type { DispatchFigure, DispatchSettings } from "./bench-results.js";
import { pinnedCommand, type CpuPinning } from "./cpu-pinning.js";
import { DISPATCH_APPS } from "./dispatch-apps.js";
import { DISPATCH_RESULT_MARKER } from "./dispatch-protocol.js";
import { medianIndex } from "./median.js";
import type { ProcessTracker } from "./process-tracker.js";
import { runCommand } from "./run-command.js";

/** Time a runner may take beyond its warm-up and runs (start-up, compiling the apps) before it is killed. */
const RUNNER_OVERRUN_MS = 30_000;

/** The median of `values`, which is never empty here. */
function median(values: readonly number[]): number {
  return values[medianIndex(values)] as number;
}

/** Measures `app` in a fresh process; resolves with the median of its runs. */
async function measureInProcess(script: string, app: string, settings: DispatchSettings, pinning: CpuPinning, tracker: ProcessTracker, benchDirectory: string): Promise<number> {
  const runnerArgs = ["--import", "tsx", script, app, String(settings.warmupMs), String(settings.runMs), String(settings.runs)];
  const { command, args } = pinnedCommand(pinning, pinning.serverCpus, process.execPath, runnerArgs);
  const timeoutMs = settings.warmupMs + settings.runMs * settings.runs + RUNNER_OVERRUN_MS;
  const output = await runCommand(command, args, tracker, timeoutMs, benchDirectory);
  const line = output.stdout.split("\n").find((text) => text.startsWith(DISPATCH_RESULT_MARKER));
  if (output.exitCode !== 0 || line === undefined) throw new Error(`dispatch runner for ${app} failed (exit ${output.exitCode}): ${output.stderr.slice(-2_000)}`);
  const result = JSON.parse(line.slice(DISPATCH_RESULT_MARKER.length)) as { runs: number[] };
  return median(result.runs);
}

/**
 * Runs the in-process dispatch bench on the server's CPU: `processes` rounds, each measuring every app once in
 * a process of its own, the order rotated each round so no app always follows the same neighbour. Returns one
 * figure per app: the median of its processes' figures, with each process's figure as a run.
 */
export async function runDispatchSection(benchDirectory: string, pinning: CpuPinning, settings: DispatchSettings, tracker: ProcessTracker): Promise<DispatchFigure[]> {
  const script = join(benchDirectory, "src", "dispatch-runner.ts");
  const apps = Object.keys(DISPATCH_APPS);
  const runs = new Map<string, number[]>(apps.map((app) => [app, []]));
  for (let round = 0; round < settings.processes; round++) {
    for (let offset = 0; offset < apps.length; offset++) {
      const app = apps[(round + offset) % apps.length] as string;
      runs.get(app)?.push(await measureInProcess(script, app, settings, pinning, tracker, benchDirectory));
    }
  }
  return apps.map((app) => {
    const values = runs.get(app) ?? [];
    return { app, operationsPerSecond: median(values), runs: values };
  });
}

/** The framework's cost against the bare app, in percent of the bare app's throughput (positive = slower). */
export function dispatchCostPercent(bare: number, framework: number): number {
  return (1 - framework / bare) * 100;
}
