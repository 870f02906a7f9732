// Turns the bench's command line into one options object (durations, sizes, counts per mode); parses only, runs nothing.
import { parseArgs } from "node:util";
import type { DispatchSettings } from "./bench-results.js";

/** Which sections of the bench run; every section runs unless `--only` names a subset. */
export const SECTION_NAMES = ["hello", "pipelined", "static", "cluster", "idle", "dispatch"] as const;

/** One section of the bench. */
export type SectionName = (typeof SECTION_NAMES)[number];

/** The bench's mode: "quick" for a local look (under 2 minutes), "full" for the committed report. */
export type BenchMode = "quick" | "full";

/** Everything a bench run needs to know, fixed before the first server starts. */
export interface BenchOptions {
  mode: BenchMode;
  sections: ReadonlySet<SectionName>;
  /** Load before the measured runs, thrown away (JIT, caches, connection set-up). */
  warmupSeconds: number;
  /** Length of each measured run. */
  runSeconds: number;
  /** Measured runs per figure; the figure is their median. */
  runs: number;
  /** Concurrent connections of the load generator. */
  connections: number;
  /** Requests in flight per connection in the pipelined section (RFC 9112 §9.3.2). */
  pipelineDepth: number;
  /** Static file sizes in bytes. */
  staticSizes: readonly number[];
  /** In quick mode the frameworks run only on the fastest paths; false keeps every app on every server. */
  allApps: boolean;
  /** Idle keep-alive connections to open per server. */
  idleConnections: number;
  /** Time allowed to open them (per server). */
  idleOpenBudgetMs: number;
  /** The in-process dispatch section: warm-up, run length, runs per process, processes per app. */
  dispatch: DispatchSettings;
  /** Use autocannon even where wrk is installed. */
  preferAutocannon: boolean;
  /** Folder the report, its JSON and the chart are written to. */
  resultsDirectory: string;
  /** A results JSON to render again (report and chart) instead of measuring; undefined measures. */
  renderFrom: string | undefined;
}

const QUICK_SECONDS = { warmup: 1, run: 1 } as const;
const FULL_SECONDS = { warmup: 2, run: 4 } as const;
const RUNS_PER_FIGURE = 3;
const LOAD_CONNECTIONS = 64;
const PIPELINE_DEPTH = 16;
const SIZE_13_B = 13;
const SIZE_1_KIB = 1024;
const SIZE_64_KIB = 64 * 1024;
const SIZE_1_MIB = 1024 * 1024;
const FULL_IDLE_CONNECTIONS = 10_000;
const QUICK_IDLE_CONNECTIONS = 1_000;
const FULL_IDLE_OPEN_BUDGET_MS = 60_000;
const QUICK_IDLE_OPEN_BUDGET_MS = 10_000;
// An app's in-process speed varies from process to process by up to ~10 % (how the JIT and the heap happen to
// settle) and within one by GC and other work in bursts: several processes per app, interleaved across the apps,
// each taking the median of a few short runs, and the median of those, hold steadier than one long process.
const FULL_DISPATCH: DispatchSettings = { warmupMs: 1000, runMs: 500, runs: 5, processes: 9 };
const QUICK_DISPATCH: DispatchSettings = { warmupMs: 500, runMs: 200, runs: 3, processes: 3 };

function parseSections(value: string | undefined): Set<SectionName> {
  if (value === undefined) return new Set(SECTION_NAMES);
  const sections = new Set<SectionName>();
  for (const name of value.split(",")) {
    const known = SECTION_NAMES.find((section) => section === name.trim());
    if (known === undefined) throw new Error(`--only: unknown section '${name}' (known: ${SECTION_NAMES.join(", ")})`);
    sections.add(known);
  }
  return sections;
}

/**
 * Parses `argv` (without node and script): `--quick` (default full mode), `--only hello,static`
 * (default every section), `--results DIR` (default bench/results beside this package), `--autocannon`
 * (default: wrk where installed), `--render FILE.json` (re-render a past run's report and chart, measure nothing).
 */
export function parseBenchOptions(argv: readonly string[], defaultResultsDirectory: string): BenchOptions {
  const { values } = parseArgs({
    // `pnpm bench:quick -- --only dispatch` hands the "--" on (after the script's own --quick); it only
    // separates pnpm's arguments from ours, and no option of ours takes "--" as its value.
    args: argv.filter((argument) => argument !== "--"),
    options: { quick: { type: "boolean" }, only: { type: "string" }, results: { type: "string" }, autocannon: { type: "boolean" }, render: { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  const quick = values.quick === true;
  const seconds = quick ? QUICK_SECONDS : FULL_SECONDS;
  return {
    mode: quick ? "quick" : "full",
    sections: parseSections(values.only),
    warmupSeconds: seconds.warmup,
    runSeconds: seconds.run,
    runs: RUNS_PER_FIGURE,
    connections: LOAD_CONNECTIONS,
    pipelineDepth: PIPELINE_DEPTH,
    // Quick mode keeps the two sizes the server targets are stated for.
    staticSizes: quick ? [SIZE_13_B, SIZE_64_KIB] : [SIZE_13_B, SIZE_1_KIB, SIZE_64_KIB, SIZE_1_MIB],
    allApps: !quick,
    idleConnections: quick ? QUICK_IDLE_CONNECTIONS : FULL_IDLE_CONNECTIONS,
    idleOpenBudgetMs: quick ? QUICK_IDLE_OPEN_BUDGET_MS : FULL_IDLE_OPEN_BUDGET_MS,
    dispatch: quick ? QUICK_DISPATCH : FULL_DISPATCH,
    preferAutocannon: values.autocannon === true,
    resultsDirectory: values.results ?? defaultResultsDirectory,
    renderFrom: values.render,
  };
}
