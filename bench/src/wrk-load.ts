// Puts load on a URL with wrk (one thread, pinned), through a Lua script that reports JSON; the preferred generator.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LoadGenerator, LoadRequest, LoadResult } from "./load-generator.js";
import type { ProcessTracker } from "./process-tracker.js";
import { runCommand } from "./run-command.js";
import { WRK_RESULT_MARKER, wrkScript } from "./wrk-script.js";

/** Extra time a wrk run may take beyond its duration before it is killed. */
const WRK_OVERRUN_MS = 20_000;
/** A request slower than this counts as a timeout error. */
const WRK_TIMEOUT = "10s";
const MICROSECONDS_PER_MS = 1000;

interface WrkReport {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  connect: number;
  read: number;
  write: number;
  timeout: number;
  status: number;
}

/** The installed wrk's version ("wrk debian/4.1.0-3"), or undefined when wrk is not installed. */
export function detectWrk(): string | undefined {
  // wrk prints its version with its usage and exits 1; only a failure to spawn means it is missing.
  const result = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (result.error !== undefined) return undefined;
  const match = /wrk (\S+)/.exec(`${result.stdout}${result.stderr}`);
  return match === null ? "wrk" : `wrk ${match[1]}`;
}

/** A LoadGenerator backed by wrk; its Lua scripts are written once into `scratchDirectory`. */
export class WrkLoad implements LoadGenerator {
  readonly name: string;
  readonly #tracker: ProcessTracker;
  readonly #scriptPaths = new Map<number, string>();
  readonly #scratchDirectory: string;

  constructor(name: string, scratchDirectory: string, tracker: ProcessTracker) {
    this.name = name;
    this.#scratchDirectory = scratchDirectory;
    this.#tracker = tracker;
  }

  #scriptPath(pipelineDepth: number): string {
    let path = this.#scriptPaths.get(pipelineDepth);
    if (path === undefined) {
      path = join(this.#scratchDirectory, pipelineDepth > 1 ? "wrk-pipelined.lua" : "wrk-keep-alive.lua");
      writeFileSync(path, wrkScript(pipelineDepth));
      this.#scriptPaths.set(pipelineDepth, path);
    }
    return path;
  }

  #arguments(request: LoadRequest): string[] {
    const args = ["-t1", `-c${request.connections}`, `-d${request.durationSeconds}s`, `--timeout`, WRK_TIMEOUT, "-s", this.#scriptPath(request.pipelineDepth), request.url];
    if (request.pipelineDepth > 1) args.push("--", String(request.pipelineDepth));
    return args;
  }

  describe(request: LoadRequest): string {
    const pin = request.cpus === undefined ? "" : `taskset -c ${request.cpus} `;
    const script = request.pipelineDepth > 1 ? "wrk-pipelined.lua" : "wrk-keep-alive.lua";
    const depth = request.pipelineDepth > 1 ? ` -- ${request.pipelineDepth}` : "";
    return `${pin}wrk -t1 -c${request.connections} -d${request.durationSeconds}s --timeout ${WRK_TIMEOUT} -s ${script} URL${depth}`;
  }

  async run(request: LoadRequest): Promise<LoadResult> {
    const args = this.#arguments(request);
    const [command, commandArgs] = request.cpus === undefined ? ["wrk", args] : ["taskset", ["-c", request.cpus, "wrk", ...args]];
    const output = await runCommand(command, commandArgs, this.#tracker, request.durationSeconds * 1000 + WRK_OVERRUN_MS);
    const line = output.stdout.split("\n").find((text) => text.startsWith(WRK_RESULT_MARKER));
    if (output.exitCode !== 0 || line === undefined) {
      throw new Error(`wrk failed (exit ${output.exitCode}) on ${request.url}:\n${output.stdout}${output.stderr}`);
    }
    const report = JSON.parse(line.slice(WRK_RESULT_MARKER.length)) as WrkReport;
    return {
      requestsPerSecond: report.requests / (report.durationUs / 1e6),
      latencyP50Ms: report.p50Us / MICROSECONDS_PER_MS,
      latencyP99Ms: report.p99Us / MICROSECONDS_PER_MS,
      requests: report.requests,
      socketErrors: report.connect + report.read + report.write + report.timeout,
      badStatuses: report.status,
    };
  }
}
