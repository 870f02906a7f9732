/**
 * The cluster's options and their defaults, stated once: worker count, heartbeat timeout, max-requests,
 * stats address, engine. Runs at startup only; it never forks, opens files or sockets.
 */
import { availableParallelism } from "node:os";
import { createLogger, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUTS, type LogLevel, type Logger } from "@patchbay/server-kit";
import { ClusterError } from "./errors.js";
import type { EngineName, WorkerServerOptions } from "./worker-config.js";

/** A worker silent for longer than this is killed (gunicorn's --timeout default). */
export const DEFAULT_WORKER_TIMEOUT_MS = 30_000;

/** Options of startCluster. The shared server options (bind, root, limits, …) keep their usual names. */
export interface ClusterOptions extends WorkerServerOptions {
  /** `path/to/module.ts:export` (gunicorn's `module:app`); undefined serves the demo site. */
  application?: string;
  /** Directory the application path is resolved against. Default process.cwd(). */
  cwd?: string;
  /** Number of workers. Default os.availableParallelism(). */
  workers?: number;
  /** The engine each worker runs. Default "loop" (server-loop). */
  engine?: EngineName;
  /** A worker whose heartbeat is silent longer than this is killed with SIGKILL and replaced. Default 30000; 0 disables. */
  timeoutMs?: number;
  /** A worker asks to be replaced after this many requests (± maxRequestsJitter). Default 0: never. */
  maxRequests?: number;
  /** Random spread added to maxRequests per worker, so workers do not all retire at once. Default 0. */
  maxRequestsJitter?: number;
  /** Load the application once in the primary before forking, so a load error fails fast. Default false. */
  preload?: boolean;
  /** Serve the stats JSON on this TCP address. Default: no stats server. */
  stats?: { host: string; port: number };
  /** The primary's log. Default: server-kit's stderr logger at `logLevel`. */
  logger?: Logger;
  /** Log level of the primary's default logger and of every worker. Default "info". */
  logLevel?: LogLevel;
  /** Access log file (or "-" for stdout), written by each worker. Default none. */
  accessLog?: string;
  accessLogFormat?: string;
}

/** ClusterOptions with every default applied. */
export interface ResolvedClusterOptions {
  application: string | undefined;
  cwd: string;
  workers: number;
  engine: EngineName;
  timeoutMs: number;
  maxRequests: number;
  maxRequestsJitter: number;
  preload: boolean;
  stats: { host: string; port: number } | undefined;
  logger: Logger;
  logLevel: LogLevel;
  accessLog: string | undefined;
  accessLogFormat: string | undefined;
  /** Graceful stop time of a worker (timeouts.gracefulMs, default 30000). */
  gracefulMs: number;
  server: WorkerServerOptions;
}

function invalid(message: string): ClusterError {
  return new ClusterError("ERR_CLUSTER_INVALID_OPTION", message);
}

function integerAtLeast(value: unknown, minimum: number, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum) throw invalid(`${name} must be an integer >= ${minimum}, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Applies defaults and validates the cluster's own options (the shared server options are validated by
 * each worker's engine, and by the primary with --preload). Throws ClusterError ERR_CLUSTER_INVALID_OPTION.
 */
export function resolveClusterOptions(options: ClusterOptions = {}): ResolvedClusterOptions {
  const engine = options.engine ?? "loop";
  if (engine !== "loop" && engine !== "socket") throw invalid(`engine must be "loop" or "socket", got ${JSON.stringify(engine)}`);
  const stats = options.stats;
  if (stats !== undefined && (typeof stats.host !== "string" || !Number.isInteger(stats.port) || stats.port < 0 || stats.port > 65535)) {
    throw invalid("stats must be {host, port} with a port from 0 to 65535");
  }
  const logLevel = options.logLevel ?? "info";
  const { application, cwd, workers, timeoutMs, maxRequests, maxRequestsJitter, preload, logger, accessLog, accessLogFormat, bind, root, static: mounts, staticCacheControl, limits, timeouts, environ } = options;
  if (application !== undefined && (typeof application !== "string" || application === "")) throw invalid("application must be a non-empty path/to/module.ts:export reference");
  const server: WorkerServerOptions = { bind: bind ?? [{ host: DEFAULT_HOST, port: DEFAULT_PORT }] };
  if (root !== undefined) server.root = root;
  if (mounts !== undefined) server.static = mounts;
  if (staticCacheControl !== undefined) server.staticCacheControl = staticCacheControl;
  if (limits !== undefined) server.limits = limits;
  if (timeouts !== undefined) server.timeouts = timeouts;
  if (environ !== undefined) server.environ = environ;
  return {
    application,
    cwd: cwd ?? process.cwd(),
    workers: integerAtLeast(workers, 1, "workers", availableParallelism()),
    engine,
    timeoutMs: integerAtLeast(timeoutMs, 0, "timeoutMs", DEFAULT_WORKER_TIMEOUT_MS),
    maxRequests: integerAtLeast(maxRequests, 0, "maxRequests", 0),
    maxRequestsJitter: integerAtLeast(maxRequestsJitter, 0, "maxRequestsJitter", 0),
    preload: preload ?? false,
    stats,
    logger: logger ?? createLogger({ level: logLevel }),
    logLevel,
    accessLog,
    accessLogFormat,
    gracefulMs: timeouts?.gracefulMs ?? DEFAULT_TIMEOUTS.gracefulMs,
    server,
  };
}
