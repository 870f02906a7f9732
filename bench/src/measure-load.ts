// Measures one URL of a running server: check, warm-up (thrown away), N runs, median; never starts or stops servers.
import type { LoadFigure, LoadSection } from "./bench-results.js";
import { checkResponse } from "./check-response.js";
import type { LoadGenerator, LoadRequest, LoadResult } from "./load-generator.js";
import { medianIndex } from "./median.js";
import { treeRssBytes } from "./process-memory.js";

/** How the runs are made. */
export interface MeasureSettings {
  generator: LoadGenerator;
  warmupSeconds: number;
  runSeconds: number;
  runs: number;
  connections: number;
  /** CPU list of the load generator, or undefined when not pinned. */
  loadCpus: string | undefined;
}

/** What to measure. */
export interface MeasureTarget {
  section: LoadSection;
  server: string;
  variant: string;
  url: string;
  /** Body bytes a correct response carries (checked once before the load). */
  expectedBytes: number;
  pipelineDepth: number;
  /** PID of the server process (its tree's RSS is read after load). */
  pid: number;
  /** The command line that started the server, for the report. */
  serverCommand: string;
  note?: string | undefined;
}

/** Runs the warm-up and the measured runs one after the other and returns the median run as the figure. */
export async function measureLoad(settings: MeasureSettings, target: MeasureTarget): Promise<LoadFigure> {
  await checkResponse(target.url, target.expectedBytes);
  const request = (durationSeconds: number): LoadRequest => ({
    url: target.url,
    connections: settings.connections,
    durationSeconds,
    pipelineDepth: target.pipelineDepth,
    cpus: settings.loadCpus,
  });
  await settings.generator.run(request(settings.warmupSeconds));
  const results: LoadResult[] = [];
  for (let run = 0; run < settings.runs; run++) results.push(await settings.generator.run(request(settings.runSeconds)));
  const rssBytes = treeRssBytes(target.pid);
  const runs = results.map((result) => result.requestsPerSecond);
  const median = results[medianIndex(runs)] as LoadResult;
  return {
    section: target.section,
    server: target.server,
    variant: target.variant,
    requestsPerSecond: median.requestsPerSecond,
    latencyP50Ms: median.latencyP50Ms,
    latencyP99Ms: median.latencyP99Ms,
    rssBytes,
    runs,
    socketErrors: results.reduce((sum, result) => sum + result.socketErrors, 0),
    badStatuses: results.reduce((sum, result) => sum + result.badStatuses, 0),
    pipelineDepth: target.pipelineDepth,
    command: settings.generator.describe(request(settings.runSeconds)),
    serverCommand: target.serverCommand,
    note: target.note,
  };
}
