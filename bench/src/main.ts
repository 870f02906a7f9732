// The bench's entry point (`pnpm bench`, `pnpm bench:quick`): runs the selected sections in order and writes the report,
// its JSON and the ratio chart; every child process it starts is ended by PID on every way out.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseBenchOptions } from "./bench-options.js";
import type { BenchResults, DispatchFigure, FailedFigure, IdleFigure, LoadFigure } from "./bench-results.js";
import { detectCpuPinning } from "./cpu-pinning.js";
import { runDispatchSection } from "./dispatch-section.js";
import { runIdleSection } from "./idle-section.js";
import { planIdleTargets } from "./idle-targets.js";
import { planLoadCases } from "./load-cases.js";
import { machineInfo } from "./machine-info.js";
import { detectNginx } from "./nginx-server.js";
import { ProcessTracker } from "./process-tracker.js";
import { runLoadCases } from "./run-load-cases.js";
import { findPatchbayServers } from "./server-catalog.js";
import { selectLoadGenerator } from "./select-load-generator.js";
import { writeStaticFiles } from "./static-files.js";
import { readResults, writeOutputs } from "./write-outputs.js";

/** Every static size the sections may ask for (written once; the options pick which are measured). */
const ALL_STATIC_SIZES = [13, 1024, 64 * 1024, 1024 * 1024] as const;
/** Exit status when the bench itself fails (a section failing only costs its figures). */
const EXIT_BENCH_FAILED = 1;

const benchDirectory = dirname(dirname(fileURLToPath(import.meta.url)));
const tracker = new ProcessTracker();

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const options = parseBenchOptions(argv, join(benchDirectory, "results"));
  if (options.renderFrom !== undefined) {
    const { reportPath } = writeOutputs(readResults(options.renderFrom), options.resultsDirectory);
    log(`re-rendered ${relative(process.cwd(), reportPath)} and the chart from ${options.renderFrom}`);
    return 0;
  }
  const startedAt = new Date();
  const startLoad = loadAverage();
  const scratch = mkdtempSync(join(tmpdir(), "patchbay-bench-"));
  // mkdtemp makes the folder 0700; nginx's worker runs as another user (nobody) when started as root.
  chmodSync(scratch, 0o755);
  try {
    const pinning = detectCpuPinning();
    const generatorChoice = selectLoadGenerator(scratch, tracker, options.preferAutocannon);
    const nginxFound = detectNginx();
    const servers = findPatchbayServers();
    const staticDirectory = writeStaticFiles(scratch, ALL_STATIC_SIZES);
    const notes: string[] = [];
    if (pinning.note !== undefined) notes.push(pinning.note);
    if (generatorChoice.note !== undefined) notes.push(generatorChoice.note);
    if (nginxFound === undefined) notes.push("nginx is not installed: the static figures have no nginx column and the ×nginx targets are not measured");
    for (const server of servers) if (server.missing !== undefined) notes.push(`${server.name} was not measured: ${server.missing}`);
    log(`patchbay bench (${options.mode}): ${generatorChoice.generator.name}, ${pinning.enabled ? `server on CPU ${pinning.serverCpus}, load on CPU ${pinning.loadCpus}` : "not pinned"}`);

    const nginx = nginxFound === undefined ? undefined : { path: nginxFound.path, prefix: join(scratch, "nginx"), root: scratch };
    const plan = planLoadCases({ options, pinning, benchDirectory, staticRoot: scratch, staticDirectory, servers, nginx });
    const failures: FailedFigure[] = [...plan.missing];
    log(`load sections: ${plan.cases.length} server processes`);
    const measureSettings = { generator: generatorChoice.generator, warmupSeconds: options.warmupSeconds, runSeconds: options.runSeconds, runs: options.runs, connections: options.connections };
    const loadOutcome = await runLoadCases(plan.cases, measureSettings, tracker, log);
    const load: LoadFigure[] = loadOutcome.figures;
    failures.push(...loadOutcome.failures);

    let idle: IdleFigure[] = [];
    if (options.sections.has("idle")) {
      log(`idle section: ${options.idleConnections} connections per server`);
      const idlePlan = planIdleTargets(options, pinning, benchDirectory, servers, nginx);
      failures.push(...idlePlan.missing);
      const outcome = await runIdleSection(idlePlan.targets, { benchDirectory, pinning, connections: options.idleConnections, openBudgetMs: options.idleOpenBudgetMs }, tracker, log);
      idle = outcome.figures;
      failures.push(...outcome.failures);
    }

    let dispatch: DispatchFigure[] = [];
    if (options.sections.has("dispatch")) {
      log("dispatch section (in-process)");
      try {
        dispatch = await runDispatchSection(benchDirectory, pinning, options.dispatch, tracker);
        for (const figure of dispatch) log(`  dispatch ${figure.app}: ${Math.round(figure.operationsPerSecond)} requests/s`);
      } catch (error) {
        failures.push({ section: "dispatch", server: "in-process", variant: "all", reason: (error as Error).message.split("\n")[0] ?? "" });
      }
    }

    notes.push(`Load average (1, 5, 15 min) at the start: ${startLoad}; at the end: ${loadAverage()}. Other work on the machine lowers absolute figures and adds noise to ratios.`);
    if (options.mode === "quick") notes.push("Quick mode: 1 s runs, the bare app only through the servers, static 13 B and 64 KiB only, idle connections on three servers: a local look, not the figures to quote.");
    const pinningText = pinning.enabled ? `taskset: servers on CPU ${pinning.serverCpus}, load generator on CPU ${pinning.loadCpus} (server-cluster: one CPU per worker from 0, the load on the next free CPU or sharing the last)` : (pinning.note ?? "none");
    const results: BenchResults = {
      mode: options.mode,
      startedAt,
      finishedAt: new Date(),
      command: `pnpm --filter @patchbay/bench ${options.mode === "quick" ? "bench:quick" : "bench"}${argv.filter((argument) => argument !== "--quick").length > 0 ? ` -- ${argv.filter((argument) => argument !== "--quick").join(" ")}` : ""}`,
      machine: machineInfo(generatorChoice.generator.name, nginxFound?.version, pinningText),
      warmupSeconds: options.warmupSeconds,
      runSeconds: options.runSeconds,
      runsPerFigure: options.runs,
      connections: options.connections,
      pipelineDepth: options.pipelineDepth,
      load,
      idle,
      dispatch,
      dispatchSettings: options.sections.has("dispatch") ? options.dispatch : undefined,
      failures,
      notes,
      paths: { scratch, repository: dirname(benchDirectory), node: process.execPath },
    };

    const { reportPath, chartPath } = writeOutputs(results, options.resultsDirectory);
    log(`report: ${relative(process.cwd(), reportPath)}; chart: ${relative(process.cwd(), chartPath)}`);
    return 0;
  } finally {
    tracker.killAll();
    rmSync(scratch, { recursive: true, force: true });
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    tracker.killAll();
    process.exit(EXIT_BENCH_FAILED);
  });
}
process.exitCode = await main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  tracker.killAll();
  return EXIT_BENCH_FAILED;
});
