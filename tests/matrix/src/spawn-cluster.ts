// Starts server-cluster's real bin as a child process for one matrix app (by module reference) and stops it by its PID; no scenarios here.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startServerProcess } from "@patchbay/conformance";
import { MatrixError } from "./errors.js";

/** Workers per matrix cluster: two, so requests really spread over processes, on a 2-core machine. */
export const CLUSTER_WORKERS = 2;
/** Seconds the workers give in-flight requests on stop (every scenario has finished by then). */
const CLUSTER_GRACEFUL_SECONDS = 2;

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

/**
 * Spawns `patchbay-cluster --bind 127.0.0.1:0 --workers CLUSTER_WORKERS <flags> <reference>` through
 * @patchbay/conformance's startServerProcess and resolves once it listens. close() sends SIGTERM to the
 * primary (graceful stop) and SIGKILLs the processes by PID only if that hangs.
 * Throws MatrixError ERR_MATRIX_SERVER_START when the cluster exits or stays silent first.
 */
export async function startClusterProcess(options: ClusterProcessOptions): Promise<ClusterProcess> {
  const flags = ["--workers", String(CLUSTER_WORKERS), "--graceful-timeout", String(CLUSTER_GRACEFUL_SECONDS), ...options.flags];
  try {
    return await startServerProcess({ bin: clusterBinPath(), args: [...flags, options.reference], onStderr: options.log });
  } catch (error) {
    throw new MatrixError("ERR_MATRIX_SERVER_START", `patchbay-cluster did not start ${options.reference}: ${(error as Error).message}`, { cause: error });
  }
}
