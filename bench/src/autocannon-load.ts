// Puts load on a URL with autocannon's command line (JSON output): the fallback when wrk is not installed.
import { createRequire } from "node:module";
import type { LoadGenerator, LoadRequest, LoadResult } from "./load-generator.js";
import type { ProcessTracker } from "./process-tracker.js";
import { runCommand } from "./run-command.js";

/** Extra time a run may take beyond its duration (autocannon's own start-up included) before it is killed. */
const AUTOCANNON_OVERRUN_MS = 30_000;
/** Seconds after which a request counts as timed out. */
const AUTOCANNON_TIMEOUT_SECONDS = 10;

interface AutocannonReport {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p99: number };
  requests: { total: number };
}

/** A LoadGenerator backed by the autocannon package's CLI, run by this Node in a child process. */
export class AutocannonLoad implements LoadGenerator {
  readonly name: string;
  readonly #cliPath: string;
  readonly #tracker: ProcessTracker;

  constructor(tracker: ProcessTracker) {
    const require = createRequire(import.meta.url);
    this.#cliPath = require.resolve("autocannon/autocannon.js");
    const { version } = require("autocannon/package.json") as { version: string };
    this.name = `autocannon ${version}`;
    this.#tracker = tracker;
  }

  #arguments(request: LoadRequest): string[] {
    return ["-c", String(request.connections), "-d", String(request.durationSeconds), "-p", String(request.pipelineDepth), "-t", String(AUTOCANNON_TIMEOUT_SECONDS), "-j", request.url];
  }

  describe(request: LoadRequest): string {
    const pin = request.cpus === undefined ? "" : `taskset -c ${request.cpus} `;
    return `${pin}autocannon -c ${request.connections} -d ${request.durationSeconds} -p ${request.pipelineDepth} -t ${AUTOCANNON_TIMEOUT_SECONDS} -j URL`;
  }

  async run(request: LoadRequest): Promise<LoadResult> {
    const args = [this.#cliPath, ...this.#arguments(request)];
    const [command, commandArgs] = request.cpus === undefined ? [process.execPath, args] : ["taskset", ["-c", request.cpus, process.execPath, ...args]];
    const output = await runCommand(command, commandArgs, this.#tracker, request.durationSeconds * 1000 + AUTOCANNON_OVERRUN_MS);
    const jsonStart = output.stdout.indexOf("{");
    if (output.exitCode !== 0 || jsonStart < 0) {
      throw new Error(`autocannon failed (exit ${output.exitCode}) on ${request.url}:\n${output.stdout}${output.stderr}`);
    }
    const report = JSON.parse(output.stdout.slice(jsonStart)) as AutocannonReport;
    return {
      requestsPerSecond: report.requests.total / report.duration,
      latencyP50Ms: report.latency.p50,
      latencyP99Ms: report.latency.p99,
      requests: report.requests.total,
      socketErrors: report.errors + report.timeouts,
      badStatuses: report.non2xx,
    };
  }
}
