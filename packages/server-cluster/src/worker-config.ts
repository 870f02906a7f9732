/**
 * What the arbiter tells a worker at fork time, carried in one environment variable as JSON (the app is
 * passed by module reference: a worker is a new process, not a fork of the primary's memory). No I/O.
 */
import type { LogLevel, ServerOptionsInput } from "@patchbay/server-kit";
import { ClusterError } from "./errors.js";

/** The environment variable holding a worker's configuration. */
export const WORKER_CONFIG_VARIABLE = "PATCHBAY_CLUSTER_WORKER";

/** The engines a worker can run: server-loop's or server-socket's createServer. */
export type EngineName = "loop" | "socket";

/** The server options that cross the process boundary (JSON-safe: no logger, signal or access log object). */
export type WorkerServerOptions = Pick<ServerOptionsInput, "bind" | "root" | "static" | "staticCacheControl" | "limits" | "timeouts" | "environ">;

/** One worker's configuration. */
export interface WorkerConfig {
  /** `path/to/module.ts:export`, resolved against `cwd`; undefined serves the demo. */
  application: string | undefined;
  cwd: string;
  engine: EngineName;
  server: WorkerServerOptions;
  logLevel: LogLevel;
  /** Access log file path or "-"; undefined for none. */
  accessLog: string | undefined;
  accessLogFormat: string | undefined;
  /** Requests after which the worker asks to retire (jitter already applied); 0: never. */
  maxRequests: number;
}

/** Serialises a configuration for WORKER_CONFIG_VARIABLE. */
export function encodeWorkerConfig(config: WorkerConfig): string {
  return JSON.stringify(config);
}

/** Reads a configuration back; throws ClusterError ERR_CLUSTER_INVALID_STATE when it is missing or not JSON. */
export function decodeWorkerConfig(text: string | undefined): WorkerConfig {
  if (text === undefined || text === "") throw new ClusterError("ERR_CLUSTER_INVALID_STATE", `${WORKER_CONFIG_VARIABLE} is not set: this module runs inside a patchbay-cluster worker only`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ClusterError("ERR_CLUSTER_INVALID_STATE", `${WORKER_CONFIG_VARIABLE} is not valid JSON`, { cause: error });
  }
  const config = value as Partial<WorkerConfig> | null;
  if (typeof config !== "object" || config === null || typeof config.cwd !== "string" || typeof config.server !== "object" || (config.engine !== "loop" && config.engine !== "socket")) {
    throw new ClusterError("ERR_CLUSTER_INVALID_STATE", `${WORKER_CONFIG_VARIABLE} does not hold a worker configuration`);
  }
  return config as WorkerConfig;
}
