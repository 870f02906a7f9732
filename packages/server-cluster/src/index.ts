/** @patchbay/server-cluster — patchbay's pre-fork server: an arbiter and N workers. Barrel of named exports only. */

export { startCluster } from "./start-cluster.js";
export type { Cluster } from "./start-cluster.js";
export { DEFAULT_WORKER_TIMEOUT_MS, resolveClusterOptions } from "./options.js";
export type { ClusterOptions, ResolvedClusterOptions } from "./options.js";
export { Arbiter, EXIT_BOOT_FAILED, EXIT_STOPPED } from "./arbiter.js";
export type { ForkWorker } from "./arbiter.js";
export { installSignalHandlers, SIGNAL_TABLE } from "./signals.js";
export type { ArbiterActions, SignalEntry, SignalTarget } from "./signals.js";
export { isPrimaryMessage, isWorkerMessage } from "./messages.js";
export type { BootFailedMessage, HeartbeatMessage, ListeningMessage, PrimaryMessage, ReopenLogsMessage, RetireMessage, StopMessage, WorkerMessage } from "./messages.js";
export { startStatsServer } from "./stats.js";
export type { ClusterStats, StatsServer, WorkerState, WorkerStats } from "./stats.js";
export { CLUSTER_FLAGS, clusterOptionsFromCommandLine } from "./cluster-flags.js";
export { EARLY_EXIT_MS, pickMaxRequests, RESPAWN_BACKOFF_BASE_MS, RESPAWN_BACKOFF_MAX_MS, respawnDelayMs } from "./respawn-policy.js";
export { EXIT_BOOT_ERROR, HEARTBEAT_INTERVAL_MS, runWorker } from "./worker.js";
export { createWorkerServer, KEEP_ALIVE_DRAIN_MS } from "./worker-server.js";
export type { CreateWorkerServerOptions, WorkerServer } from "./worker-server.js";
export { startKeepAliveDrain } from "./keep-alive-drain.js";
export type { WorkerChannel } from "./worker.js";
export { decodeWorkerConfig, encodeWorkerConfig, WORKER_CONFIG_VARIABLE } from "./worker-config.js";
export type { EngineName, WorkerConfig, WorkerServerOptions } from "./worker-config.js";
export { ClusterError } from "./errors.js";
export type { ClusterErrorCode } from "./errors.js";
