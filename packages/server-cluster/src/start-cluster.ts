/**
 * The programmatic entry: startCluster(options) makes this process the arbiter of N workers and returns a
 * Cluster handle. It sets node:cluster up and wires the stats server; supervising is the arbiter's job.
 *
 * Why not createServer(app, options) like the other servers: workers are new processes, not forks of this
 * one's memory, so they cannot receive an Application function — each loads the app itself from a module
 * reference ("path/to/module.ts:export"), and reloading means new processes loading that module again.
 */
import cluster from "node:cluster";
import { fileURLToPath } from "node:url";
import { loadApplication, resolveServerOptions, type ServerAddress } from "@patchbay/server-kit";
import { Arbiter } from "./arbiter.js";
import { ClusterError } from "./errors.js";
import { resolveClusterOptions, type ClusterOptions } from "./options.js";
import { resolveZeroPorts } from "./resolve-ports.js";
import type { ArbiterActions } from "./signals.js";
import { startStatsServer, type ClusterStats } from "./stats.js";

/** The module each worker process runs (built next to this one). */
const WORKER_MAIN_PATH = fileURLToPath(new URL("./worker-main.js", import.meta.url));

/** A running cluster, as startCluster returns it. Its actions are the ones the signal table maps to. */
export interface Cluster extends ArbiterActions {
  /** The listening addresses (ports resolved), shared by every worker. */
  readonly addresses: ServerAddress[];
  /** The stats endpoint's URL, when `stats` was given. */
  readonly statsUrl: string | undefined;
  /** Resolves with the exit status once the cluster has stopped (0 after a stop, 3 after a boot failure). */
  readonly exited: Promise<number>;
  /** The same snapshot the stats endpoint serves. */
  stats(): ClusterStats;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/**
 * Makes this process the arbiter: forks `workers` workers (default one per core), each loading
 * `application` and serving it on the engine (default server-loop) at the shared bind addresses. Resolves
 * once the first worker listens. Throws ClusterError ERR_CLUSTER_BOOT_FAILED when the app cannot load
 * (with `preload`, before anything is forked) or no worker can listen; ERR_CLUSTER_INVALID_STATE when
 * called inside a worker or when the stats server cannot listen; ERR_CLUSTER_INVALID_OPTION for bad options.
 * node:cluster settings are per process, so there is one cluster per process.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  if (!cluster.isPrimary) throw new ClusterError("ERR_CLUSTER_INVALID_STATE", "startCluster must run in the primary process, not in a worker");
  const resolved = resolveClusterOptions(options);
  if (resolved.preload) {
    try {
      // Validates the shared server options too, so a typo fails here rather than in N workers.
      resolveServerOptions({ ...resolved.server, logger: resolved.logger });
      if (resolved.application !== undefined) await loadApplication(resolved.application, { cwd: resolved.cwd });
    } catch (error) {
      throw new ClusterError("ERR_CLUSTER_BOOT_FAILED", firstLine(error), { cause: error });
    }
    resolved.logger.info("Application preloaded in the master");
  }
  if (resolved.server.bind !== undefined) resolved.server = { ...resolved.server, bind: await resolveZeroPorts(resolved.server.bind) };
  // Round-robin: the primary accepts and hands connections out, so port 0 resolves once for all workers.
  cluster.schedulingPolicy = cluster.SCHED_RR;
  cluster.setupPrimary({ exec: WORKER_MAIN_PATH, args: [], silent: false });

  const arbiter = new Arbiter(resolved);
  const statsServer = resolved.stats === undefined ? undefined : await startStatsServer(resolved.stats, () => arbiter.stats());
  if (statsServer !== undefined) resolved.logger.info(`Stats at ${statsServer.url}`);
  const exited = arbiter.exited.then(async (status) => {
    await statsServer?.close();
    return status;
  });
  await arbiter.start().catch(async (error: unknown) => {
    await exited;
    throw error;
  });
  return {
    get addresses() {
      return arbiter.addresses;
    },
    statsUrl: statsServer?.url,
    exited,
    stats: () => arbiter.stats(),
    stopGracefully: () => arbiter.stopGracefully(),
    stopQuickly: () => arbiter.stopQuickly(),
    reload: () => arbiter.reload(),
    addWorker: () => arbiter.addWorker(),
    removeWorker: () => arbiter.removeWorker(),
    reopenLogs: () => arbiter.reopenLogs(),
  };
}
