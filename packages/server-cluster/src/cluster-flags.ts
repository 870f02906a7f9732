/**
 * The cluster's own command-line flags (added to server-kit's shared table) and the mapping from a parsed
 * command line to ClusterOptions. Pure: it never forks, loads modules or opens files.
 */
import { parseBindAddress, parseChoice, parsePositiveInteger, parseSecondsAsMilliseconds, ServerKitError, type CommandLine, type FlagDefinition, type Logger } from "@patchbay/server-kit";
import type { ClusterOptions } from "./options.js";
import type { EngineName } from "./worker-config.js";

/** A whole number >= 0 ("0" disables the feature). */
function parseCount(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) throw new ServerKitError("ERR_KIT_USAGE", `expected a whole number >= 0, got '${value}'`);
  return number;
}

/** HOST:PORT for the stats endpoint (TCP only). */
function parseStatsAddress(value: string): { host: string; port: number } {
  const address = parseBindAddress(value);
  if ("path" in address) throw new ServerKitError("ERR_KIT_USAGE", `expected HOST:PORT (the stats endpoint listens on TCP), got '${value}'`);
  return address;
}

/** The flags patchbay-cluster adds to the shared ones, gunicorn's names where it has them. */
export const CLUSTER_FLAGS: readonly FlagDefinition[] = [
  { name: "workers", short: "w", valueName: "COUNT", parse: parsePositiveInteger, description: "number of worker processes. Default: one per CPU core" },
  { name: "engine", valueName: "NAME", parse: parseChoice(["loop", "socket"]), description: "engine each worker runs: loop (server-loop) or socket (server-socket). Default loop" },
  { name: "timeout", short: "t", valueName: "SECONDS", parse: parseSecondsAsMilliseconds, description: "a worker silent (event loop blocked) this long is killed and replaced; 0 disables. Default 30" },
  { name: "max-requests", valueName: "COUNT", parse: parseCount, description: "a worker is replaced gracefully after this many requests; 0 disables. Default 0" },
  { name: "max-requests-jitter", valueName: "COUNT", parse: parseCount, description: "random spread (±) of max-requests per worker. Default 0" },
  { name: "preload", description: "load the application in the master before forking, so a load error fails fast" },
  { name: "stats", valueName: "HOST:PORT", parse: parseStatsAddress, description: "serve the cluster's state as JSON on HOST:PORT. Default none" },
];

/** Builds startCluster's options from a command line parsed with CLUSTER_FLAGS; `logger` is the primary's log. */
export function clusterOptionsFromCommandLine(commandLine: CommandLine, logger: Logger): ClusterOptions {
  const { values } = commandLine;
  const { bind, root, static: mounts, staticCacheControl, limits, timeouts, environ } = commandLine.options;
  const options: ClusterOptions = { logger, logLevel: commandLine.logLevel };
  const set = <K extends keyof ClusterOptions>(key: K, value: unknown): void => {
    if (value !== undefined) options[key] = value as ClusterOptions[K];
  };
  set("bind", bind);
  set("root", root);
  set("static", mounts);
  set("staticCacheControl", staticCacheControl);
  set("limits", limits);
  set("timeouts", timeouts);
  set("environ", environ);
  set("application", commandLine.application);
  set("accessLog", commandLine.accessLog);
  set("accessLogFormat", commandLine.accessLogFormat);
  set("workers", values.get("workers"));
  set("engine", values.get("engine") as EngineName | undefined);
  set("timeoutMs", values.get("timeout"));
  set("maxRequests", values.get("max-requests"));
  set("maxRequestsJitter", values.get("max-requests-jitter"));
  set("preload", values.get("preload"));
  set("stats", values.get("stats"));
  return options;
}
