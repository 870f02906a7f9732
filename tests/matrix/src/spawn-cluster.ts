// Starts server-cluster's real bin as a child process for one matrix app (by module reference) and stops it by its PID; no scenarios here.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { MatrixError } from "./errors.js";

/** Workers per matrix cluster: two, so requests really spread over processes, on a 2-core machine. */
export const CLUSTER_WORKERS = 2;
/** How long the cluster may take to say "Listening at" (it forks workers that load the app through tsx). */
const CLUSTER_START_TIMEOUT_MS = 20_000;
/** How long a graceful stop (SIGTERM) may take before the processes are killed. */
const CLUSTER_STOP_TIMEOUT_MS = 10_000;
/** Seconds the workers give in-flight requests on stop (every scenario has finished by then). */
const CLUSTER_GRACEFUL_SECONDS = 2;
const LOG_POLL_MS = 50;

/** The committed bin shim of @patchbay/server-cluster (it imports the built dist/bin.js). */
function clusterBinPath(): string {
  const packageJson = createRequire(import.meta.url).resolve("@patchbay/server-cluster/package.json");
  return join(dirname(packageJson), "bin", "patchbay-cluster.js");
}

/** What startClusterProcess needs. */
export interface ClusterProcessOptions {
  /** The app as "/abs/path/module.ts:export". */
  reference: string;
  /** Extra flags before the reference (e.g. --static). */
  flags: readonly string[];
  /** Receives everything the cluster writes to stderr (its log, its workers' logs and their `gateway.errors`). */
  log: (text: string) => void;
}

/** A started cluster: its URL, and a stop that ends its processes. */
export interface ClusterProcess {
  url: string;
  close(): Promise<void>;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone: nothing to stop.
  }
}

/**
 * Spawns `patchbay-cluster --bind 127.0.0.1:0 --workers CLUSTER_WORKERS <flags> <reference>` and resolves
 * once it logs "Listening at URL". close() sends SIGTERM to the primary (graceful stop) and waits for it
 * to exit; when it has not after CLUSTER_STOP_TIMEOUT_MS, it SIGKILLs every worker pid the cluster logged, then the primary.
 * Throws MatrixError ERR_MATRIX_SERVER_START when the cluster exits or stays silent first.
 */
export async function startClusterProcess(options: ClusterProcessOptions): Promise<ClusterProcess> {
  const args = [clusterBinPath(), "--bind", "127.0.0.1:0", "--workers", String(CLUSTER_WORKERS), "--graceful-timeout", String(CLUSTER_GRACEFUL_SECONDS), ...options.flags, options.reference];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  const pid = child.pid;
  if (pid === undefined) throw new MatrixError("ERR_MATRIX_SERVER_START", "could not spawn patchbay-cluster");
  const workerPids = new Set<number>();
  let text = "";
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    text += chunk;
    for (const match of chunk.matchAll(/with pid (\d+)/g)) workerPids.add(Number(match[1]));
    options.log(chunk);
  });
  const stop = async (): Promise<void> => {
    if (!exited) child.kill("SIGTERM");
    const timer = sleep(CLUSTER_STOP_TIMEOUT_MS).then(() => "timeout" as const);
    if ((await Promise.race([exit, timer])) !== "timeout") return;
    // Only after a stop that hung: a cleanly exited primary has stopped its workers, and their pids may be reused.
    for (const workerPid of workerPids) killQuietly(workerPid);
    killQuietly(pid);
    await exit;
  };
  for (let waited = 0; waited < CLUSTER_START_TIMEOUT_MS; waited += LOG_POLL_MS) {
    const url = /Listening at (http:\/\/\S+)/.exec(text)?.[1];
    if (url !== undefined) return { url, close: stop };
    if (exited) break;
    await sleep(LOG_POLL_MS);
  }
  await stop();
  throw new MatrixError("ERR_MATRIX_SERVER_START", `patchbay-cluster did not start ${options.reference}; its log:\n${text}`);
}
