// Writes a run's three outputs (report, JSON, chart) into the results folder; also reads a JSON back to re-render it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchResults } from "./bench-results.js";
import { chartGroups } from "./chart-groups.js";
import { renderRatioChart } from "./ratio-chart.js";
import { renderReport } from "./report-markdown.js";

/** Writes `<date>-<mode>.md`, `<date>-<mode>.json` and `ratios.svg` into `directory`; returns the report's and the chart's paths. */
export function writeOutputs(results: BenchResults, directory: string): { reportPath: string; chartPath: string } {
  mkdirSync(directory, { recursive: true });
  const date = results.startedAt.toISOString().slice(0, 10);
  const baseName = `${date}-${results.mode}`;
  const reportPath = join(directory, `${baseName}.md`);
  writeFileSync(reportPath, renderReport(results));
  writeFileSync(join(directory, `${baseName}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const chartPath = join(directory, "ratios.svg");
  writeFileSync(chartPath, renderRatioChart(`patchbay bench, ${results.mode} run of ${date} (${results.machine.cores} cores, Node ${results.machine.node})`, chartGroups(results)));
  return { reportPath, chartPath };
}

/** Reads results written by writeOutputs (dates revived), to render them again with `--render FILE`. */
export function readResults(path: string): BenchResults {
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Omit<BenchResults, "startedAt" | "finishedAt"> & { startedAt: string; finishedAt: string };
  return { ...parsed, startedAt: new Date(parsed.startedAt), finishedAt: new Date(parsed.finishedAt) };
}
