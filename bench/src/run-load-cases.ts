// Runs the load plan: starts each server, measures its URLs, stops it by PID; a failure costs one figure, not the run.
import type { FailedFigure, LoadFigure } from "./bench-results.js";
import { startChildServer } from "./child-server.js";
import type { LoadCase } from "./load-cases.js";
import { measureLoad, type MeasureSettings } from "./measure-load.js";
import type { ProcessTracker } from "./process-tracker.js";

/** What the load sections produced. */
export interface LoadOutcome {
  figures: LoadFigure[];
  failures: FailedFigure[];
}

/** Shell-quotes what needs it, so the report's command lines can be pasted. */
function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replaceAll("'", "'\\''")}'`)).join(" ");
}

function firstLines(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").slice(0, 3).join(" / ");
}

/** Runs every case in order; `log` receives one progress line per figure. */
export async function runLoadCases(cases: readonly LoadCase[], settings: Omit<MeasureSettings, "loadCpus">, tracker: ProcessTracker, log: (line: string) => void): Promise<LoadOutcome> {
  const figures: LoadFigure[] = [];
  const failures: FailedFigure[] = [];
  for (const loadCase of cases) {
    let server;
    let serverCommand = "";
    try {
      const spec = await loadCase.spec();
      serverCommand = commandLine(spec.command, spec.args);
      server = await startChildServer(spec, tracker);
    } catch (error) {
      log(`  ${loadCase.label}: did not start: ${firstLines(error)}`);
      for (const measurement of loadCase.measurements) failures.push({ section: measurement.section, server: measurement.server, variant: measurement.variant, reason: `did not start: ${firstLines(error)}` });
      continue;
    }
    try {
      for (const measurement of loadCase.measurements) {
        try {
          const figure = await measureLoad(
            { ...settings, loadCpus: loadCase.loadCpus },
            { ...measurement, url: `${server.url}${measurement.path}`, pid: server.pid, serverCommand },
          );
          figures.push(figure);
          log(`  ${measurement.section} ${measurement.server} ${measurement.variant}${measurement.pipelineDepth > 1 ? ` (pipelined ${measurement.pipelineDepth})` : ""}: ${Math.round(figure.requestsPerSecond)} req/s, p99 ${figure.latencyP99Ms.toFixed(2)} ms`);
        } catch (error) {
          log(`  ${measurement.section} ${measurement.server} ${measurement.variant}: failed: ${firstLines(error)}`);
          failures.push({ section: measurement.section, server: measurement.server, variant: measurement.variant, reason: firstLines(error) });
        }
      }
    } finally {
      await server.stop();
    }
  }
  return { figures, failures };
}
