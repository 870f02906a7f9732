// Test support: spawns the real patchbay-cluster bin (built dist/) and reads what it logs; kills by PID.
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import type { ClusterStats } from "../src/stats.js";

/** The committed bin shim, which imports dist/bin.js. */
export const BIN_PATH = fileURLToPath(new URL("../bin/patchbay-cluster.js", import.meta.url));
/** The fixture application. */
export const FIXTURE_APP = fileURLToPath(new URL("./fixtures/app.ts", import.meta.url));
/** An app whose worker exits shortly after it starts. */
export const CRASHING_APP = fileURLToPath(new URL("./fixtures/crashes.ts", import.meta.url));
/** An app whose workers after the first take 3 s to load. */
export const SLOW_BOOT_APP = fileURLToPath(new URL("./fixtures/slow-boot.ts", import.meta.url));
/** A module that throws while it is imported. */
export const THROWING_APP = fileURLToPath(new URL("./fixtures/throws.ts", import.meta.url));

/** Every pid a test process logged (primary and workers), killed in afterAll. */
const spawnedPids = new Set<number>();

/** A cluster process under test. */
export interface ClusterProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything written to stderr so far. */
  readonly log: () => string;
  /** Resolves with the exit code (or signal) when the primary exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url: string;
  statsUrl: string | undefined;
}

/** Resolves with the first match of `pattern` in the log, polling until `timeoutMs`. */
export async function waitForLog(cluster: ClusterProcess, pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = cluster.log().match(pattern);
    if (match !== null) return match;
    if (Date.now() > deadline) throw new Error(`no log line matching ${String(pattern)} within ${timeoutMs} ms; log:\n${cluster.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Spawns the bin with `args`; resolves with the process (waits for "Listening at" unless `waitForListening` is false). */
export async function spawnCluster(args: readonly string[], waitForListening = true): Promise<ClusterProcess> {
  const child = spawn(process.execPath, [BIN_PATH, ...args], { stdio: ["ignore", "ignore", "pipe"], cwd: fileURLToPath(new URL("..", import.meta.url)) });
  if (child.pid === undefined) throw new Error("spawn failed");
  spawnedPids.add(child.pid);
  let text = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    text += chunk;
    for (const match of chunk.matchAll(/with pid (\d+)/g)) spawnedPids.add(Number(match[1]));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  const cluster: ClusterProcess = { child, pid: child.pid, log: () => text, exited, url: "", statsUrl: undefined };
  if (waitForListening) {
    cluster.url = (await waitForLog(cluster, /Listening at (http:\/\/\S+)/))[1] ?? "";
    cluster.statsUrl = cluster.log().match(/Stats at (http:\/\/\S+)/)?.[1];
  }
  return cluster;
}

/** SIGKILLs every process any test spawned (primary and workers) that is still alive. */
export function killSpawned(): void {
  for (const pid of spawnedPids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  spawnedPids.clear();
}

/** A response read in full over a fresh connection (no keep-alive pool, so no connection is reused across workers). */
export interface PlainResponse {
  status: number;
  body: string;
}

/** GET `url` over a new connection; rejects on a connection error or after `timeoutMs`. */
export function get(url: string, timeoutMs = 10_000): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const clientRequest = request(url, { agent: false, timeout: timeoutMs }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      response.on("error", reject);
    });
    clientRequest.on("timeout", () => clientRequest.destroy(new Error(`GET ${url} timed out`)));
    clientRequest.on("error", reject);
    clientRequest.end();
  });
}

/** The pid a fixture-app response names. */
export function pidOf(response: PlainResponse): number {
  return Number(/pid (\d+)/.exec(response.body)?.[1]);
}

/** Reads the stats endpoint. */
export async function readStats(cluster: ClusterProcess): Promise<ClusterStats> {
  if (cluster.statsUrl === undefined) throw new Error("cluster started without --stats");
  return JSON.parse((await get(cluster.statsUrl)).body) as ClusterStats;
}

/** Polls the stats until `predicate` holds; returns those stats. */
export async function waitForStats(cluster: ClusterProcess, predicate: (stats: ClusterStats) => boolean, timeoutMs = 15_000): Promise<ClusterStats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = await readStats(cluster);
    if (predicate(stats)) return stats;
    if (Date.now() > deadline) throw new Error(`stats never matched within ${timeoutMs} ms; last: ${JSON.stringify(stats)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Workers in state "serving", by pid. */
export function servingPids(stats: ClusterStats): number[] {
  return stats.workers.filter((worker) => worker.state === "serving").map((worker) => worker.pid);
}
