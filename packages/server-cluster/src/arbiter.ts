/**
 * The arbiter (primary process, Gunicorn's model): keeps N workers alive, respawns dead ones with backoff,
 * kills workers whose heartbeat stops, replaces retiring ones, reloads and scales on request, and stops
 * gracefully. It never touches a request: connections go from node:cluster straight to a worker.
 */
import cluster, { type Worker } from "node:cluster";
import type { ServerAddress } from "@patchbay/server-kit";
import { ClusterError } from "./errors.js";
import { isWorkerMessage, type PrimaryMessage, type WorkerMessage } from "./messages.js";
import type { ResolvedClusterOptions } from "./options.js";
import { EARLY_EXIT_MS, pickMaxRequests, respawnDelayMs } from "./respawn-policy.js";
import type { ArbiterActions } from "./signals.js";
import type { ClusterStats, WorkerState } from "./stats.js";
import { encodeWorkerConfig, WORKER_CONFIG_VARIABLE, type WorkerConfig } from "./worker-config.js";

/** How often the arbiter looks for workers whose heartbeat is overdue. */
const HEARTBEAT_CHECK_INTERVAL_MS = 250;
/** Extra time a stopping worker gets past its graceful period before SIGKILL. */
const STOP_MARGIN_MS = 2_000;
/** Exit status after a graceful or quick stop. */
export const EXIT_STOPPED = 0;
/** Exit status when the app cannot boot before any worker ever listened (gunicorn's WORKER_BOOT_ERROR). */
export const EXIT_BOOT_FAILED = 3;

/** Starts one worker process with the given environment (node:cluster's fork by default). */
export type ForkWorker = (environment: Record<string, string>) => Worker;

interface WorkerRecord {
  readonly worker: Worker;
  readonly pid: number;
  readonly startedAt: number;
  state: WorkerState;
  lastHeartbeatAt: number;
  requests: number;
  listened: boolean;
  killTimer: NodeJS.Timeout | undefined;
}

/** The arbiter: one per primary process. */
export class Arbiter implements ArbiterActions {
  readonly #options: ResolvedClusterOptions;
  readonly #fork: ForkWorker;
  readonly #records = new Map<number, WorkerRecord>();
  readonly #startedAt = Date.now();
  #wanted: number;
  #restarts = 0;
  #requestsOfGoneWorkers = 0;
  #failures = 0;
  #exitStatus = EXIT_STOPPED;
  #everListened = false;
  #addresses: ServerAddress[] = [];
  #state: "idle" | "running" | "stopping" | "stopped" = "idle";
  #spawnTimer: NodeJS.Timeout | undefined;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #resolveReady: ((addresses: ServerAddress[]) => void) | undefined;
  #rejectReady: ((error: Error) => void) | undefined;
  #resolveExited!: (status: number) => void;
  /** Resolves with the exit status once every worker is gone after a stop. */
  readonly exited: Promise<number>;

  constructor(options: ResolvedClusterOptions, fork: ForkWorker = (environment) => cluster.fork(environment)) {
    this.#options = options;
    this.#fork = fork;
    this.#wanted = options.workers;
    this.exited = new Promise((resolve) => {
      this.#resolveExited = resolve;
    });
  }

  /** Addresses the workers listen on (ports resolved), once the first worker listened. */
  get addresses(): ServerAddress[] {
    return [...this.#addresses];
  }

  /**
   * Forks the workers; resolves with the bound addresses when the first one listens. Rejects with
   * ClusterError ERR_CLUSTER_BOOT_FAILED (and stops everything) when a worker cannot boot before any listened.
   */
  start(): Promise<ServerAddress[]> {
    if (this.#state !== "idle") return Promise.reject(new ClusterError("ERR_CLUSTER_INVALID_STATE", "the arbiter was already started"));
    this.#state = "running";
    const ready = new Promise<ServerAddress[]>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    if (this.#options.timeoutMs > 0) this.#heartbeatTimer = setInterval(() => this.#checkHeartbeats(), HEARTBEAT_CHECK_INTERVAL_MS);
    this.#manage();
    return ready;
  }

  /** A snapshot for the stats endpoint. */
  stats(): ClusterStats {
    const now = Date.now();
    let requests = this.#requestsOfGoneWorkers;
    const workers = [...this.#records.values()].map((record) => {
      requests += record.requests;
      return { id: record.worker.id, pid: record.pid, state: record.state, requests: record.requests, uptimeMs: now - record.startedAt };
    });
    return { pid: process.pid, uptimeMs: now - this.#startedAt, workersWanted: this.#wanted, restarts: this.#restarts, requests, workers };
  }

  /** TERM: stop accepting, let every worker drain within the graceful timeout, then exit 0. */
  stopGracefully(): void {
    this.#stop(this.#options.gracefulMs);
  }

  /** INT/QUIT: close every connection now, then exit 0. */
  stopQuickly(): void {
    this.#stop(0);
  }

  /** HUP: start a new generation of workers (they load the app again), then retire the old ones once all new ones listen. */
  reload(): void {
    if (this.#state !== "running") return;
    this.#options.logger.info(`Reloading: starting ${this.#wanted} new workers`);
    for (const record of this.#records.values()) {
      if (record.state === "booting" || record.state === "serving") record.state = "retiring";
    }
    this.#manage();
  }

  /** TTIN: one worker more. */
  addWorker(): void {
    if (this.#state !== "running") return;
    this.#wanted++;
    this.#options.logger.info(`Workers wanted: ${this.#wanted}`);
    this.#manage();
  }

  /** TTOU: one worker fewer (never below one); the oldest stops gracefully. */
  removeWorker(): void {
    if (this.#state !== "running" || this.#wanted <= 1) return;
    this.#wanted--;
    this.#options.logger.info(`Workers wanted: ${this.#wanted}`);
    this.#manage();
  }

  /** USR1: every worker reopens its access log (the primary writes only to stderr). */
  reopenLogs(): void {
    this.#options.logger.info("Reopening log files in every worker");
    for (const record of this.#records.values()) this.#send(record, { type: "reopen-logs" });
  }

  /** Workers that count toward #wanted: booting or serving (not retiring or stopping). */
  #live(): WorkerRecord[] {
    return [...this.#records.values()].filter((record) => record.state === "booting" || record.state === "serving");
  }

  /** Brings the number of live workers to #wanted: forks missing ones (after backoff) or stops the oldest extras. */
  #manage(): void {
    if (this.#state !== "running") return;
    // TTOU may have lowered #wanted to what already serves: retiring workers can go now.
    this.#retireReplaced();
    const live = this.#live();
    if (live.length > this.#wanted) {
      // Oldest first (gunicorn kills the oldest on TTOU); map order is fork order.
      for (const record of live.slice(0, live.length - this.#wanted)) this.#stopWorker(record, this.#options.gracefulMs);
      return;
    }
    if (live.length === this.#wanted || this.#spawnTimer !== undefined) return;
    const delay = respawnDelayMs(this.#failures);
    if (delay === 0) {
      for (let count = live.length; count < this.#wanted; count++) this.#spawn();
      return;
    }
    this.#options.logger.info(`Waiting ${delay} ms before starting a worker (${this.#failures} early exits in a row)`);
    this.#spawnTimer = setTimeout(() => {
      this.#spawnTimer = undefined;
      if (this.#state !== "running") return;
      if (this.#live().length < this.#wanted) this.#spawn();
      this.#manage();
    }, delay);
  }

  #spawn(): void {
    const options = this.#options;
    const config: WorkerConfig = {
      application: options.application,
      cwd: options.cwd,
      engine: options.engine,
      server: options.server,
      logLevel: options.logLevel,
      accessLog: options.accessLog,
      accessLogFormat: options.accessLogFormat,
      maxRequests: pickMaxRequests(options.maxRequests, options.maxRequestsJitter),
    };
    const worker = this.#fork({ [WORKER_CONFIG_VARIABLE]: encodeWorkerConfig(config) });
    const now = Date.now();
    const record: WorkerRecord = { worker, pid: worker.process.pid ?? 0, startedAt: now, state: "booting", lastHeartbeatAt: now, requests: 0, listened: false, killTimer: undefined };
    this.#records.set(worker.id, record);
    options.logger.info(`Booting worker ${worker.id} with pid ${record.pid}`);
    worker.on("message", (message: unknown) => {
      if (isWorkerMessage(message)) this.#onMessage(record, message);
    });
    worker.on("exit", (code: number | null, signal: NodeJS.Signals | null) => this.#onExit(record, code, signal));
    // An IPC error (the worker died mid-send) also shows up as "exit"; nothing more to do here.
    worker.on("error", () => {});
  }

  #onMessage(record: WorkerRecord, message: WorkerMessage): void {
    record.lastHeartbeatAt = Date.now();
    switch (message.type) {
      case "heartbeat":
        record.requests = message.requests;
        return;
      case "listening":
        this.#onListening(record, message.addresses);
        return;
      case "retire":
        record.requests = message.requests;
        if (record.state !== "serving" && record.state !== "booting") return;
        this.#options.logger.info(`Worker ${record.worker.id} (pid ${record.pid}) served ${message.requests} requests: replacing it`);
        record.state = "retiring";
        this.#manage();
        return;
      case "boot-failed":
        this.#onBootFailed(record, message.message);
        return;
    }
  }

  #onListening(record: WorkerRecord, addresses: ServerAddress[]): void {
    record.listened = true;
    if (record.state === "booting") record.state = "serving";
    if (!this.#everListened) {
      this.#everListened = true;
      this.#addresses = addresses;
      for (const address of addresses) this.#options.logger.info(`Listening at ${address.url} (master pid ${process.pid})`);
      this.#resolveReady?.(this.addresses);
    }
    this.#retireReplaced();
  }

  /** Once enough new workers serve, the retiring ones (HUP, max-requests) stop gracefully: new first, then old. */
  #retireReplaced(): void {
    const serving = [...this.#records.values()].filter((record) => record.state === "serving").length;
    if (serving < this.#wanted) return;
    for (const record of this.#records.values()) {
      if (record.state === "retiring") this.#stopWorker(record, this.#options.gracefulMs);
    }
  }

  #onBootFailed(record: WorkerRecord, message: string): void {
    if (this.#state !== "running") return;
    if (!this.#everListened) {
      // The cluster cannot serve at all: stop, and let start()'s caller report the one line (the bin prints it).
      this.#options.logger.debug(`Worker ${record.worker.id} (pid ${record.pid}) failed to boot: ${message}`);
      this.#rejectReady?.(new ClusterError("ERR_CLUSTER_BOOT_FAILED", message));
      this.#rejectReady = undefined;
      this.#resolveReady = undefined;
      this.#stop(0, EXIT_BOOT_FAILED);
      return;
    }
    // The cluster served before (a reload or respawn hit a broken app): keep the old workers, retry with backoff.
    this.#options.logger.error(`Worker ${record.worker.id} (pid ${record.pid}) failed to boot: ${message}; retrying with backoff`);
  }

  #onExit(record: WorkerRecord, code: number | null, signal: NodeJS.Signals | null): void {
    clearTimeout(record.killTimer);
    this.#records.delete(record.worker.id);
    this.#requestsOfGoneWorkers += record.requests;
    const how = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
    if (record.state === "stopping") {
      this.#options.logger.info(`Worker ${record.worker.id} (pid ${record.pid}) stopped (${how})`);
    } else if (this.#state === "running") {
      this.#options.logger.warning(`Worker ${record.worker.id} (pid ${record.pid}) died (${how}): replacing it`);
      this.#restarts++;
      this.#failures = !record.listened || Date.now() - record.startedAt < EARLY_EXIT_MS ? this.#failures + 1 : 0;
    }
    if (this.#state === "stopping" && this.#records.size === 0) this.#finish();
    else this.#manage();
  }

  #checkHeartbeats(): void {
    const now = Date.now();
    for (const record of this.#records.values()) {
      const silentMs = now - record.lastHeartbeatAt;
      // A worker already killed has lastHeartbeatAt = +Infinity, so it is not killed twice.
      if (silentMs <= this.#options.timeoutMs) continue;
      this.#options.logger.error(`Worker timeout (pid ${record.pid}): no heartbeat for ${silentMs} ms, killing it with SIGKILL`);
      // Counted as a death (state stays), so a replacement starts as soon as it is gone.
      record.lastHeartbeatAt = Number.POSITIVE_INFINITY;
      record.worker.process.kill("SIGKILL");
    }
  }

  #send(record: WorkerRecord, message: PrimaryMessage): void {
    if (!record.worker.isConnected()) return;
    record.worker.send(message, undefined, () => {
      // The worker went away meanwhile; its "exit" event does the bookkeeping.
    });
  }

  #stopWorker(record: WorkerRecord, gracefulMs: number): void {
    if (record.state === "stopping") {
      // A quick stop overrides a graceful one already under way.
      if (gracefulMs === 0) this.#send(record, { type: "stop", gracefulMs });
      return;
    }
    record.state = "stopping";
    this.#options.logger.info(`Stopping worker ${record.worker.id} (pid ${record.pid})${gracefulMs > 0 ? `, ${gracefulMs} ms to drain` : ""}`);
    this.#send(record, { type: "stop", gracefulMs });
    clearTimeout(record.killTimer);
    record.killTimer = setTimeout(() => {
      this.#options.logger.warning(`Worker ${record.worker.id} (pid ${record.pid}) did not stop in time: SIGKILL`);
      record.worker.process.kill("SIGKILL");
    }, gracefulMs + STOP_MARGIN_MS);
  }

  #stop(gracefulMs: number, status: number = EXIT_STOPPED): void {
    if (this.#state === "stopped") return;
    if (this.#state === "idle") {
      this.#state = "stopping";
      this.#finish(status);
      return;
    }
    if (this.#state === "running") this.#exitStatus = status;
    this.#state = "stopping";
    clearTimeout(this.#spawnTimer);
    this.#spawnTimer = undefined;
    clearInterval(this.#heartbeatTimer);
    for (const record of this.#records.values()) this.#stopWorker(record, gracefulMs);
    if (this.#records.size === 0) this.#finish();
  }

  #finish(status: number = this.#exitStatus): void {
    if (this.#state === "stopped") return;
    this.#state = "stopped";
    this.#rejectReady?.(new ClusterError("ERR_CLUSTER_BOOT_FAILED", "the cluster was stopped before any worker listened"));
    this.#options.logger.info("Stopped");
    this.#resolveExited(status);
  }
}
