/**
 * Runs a server's real bin (e.g. patchbay-cluster) as a child process on 127.0.0.1 port 0, reads its URL
 * from the "Listening at" log line, and stops it by its PID; test-only.
 */
import { spawn } from "node:child_process";
import { basename } from "node:path";

/** How long a bin may take to log "Listening at" (a cluster forks workers that load the app through tsx). */
const START_TIMEOUT_MS = 20_000;
/** How long a graceful stop (SIGTERM) may take before the processes are killed. */
const STOP_TIMEOUT_MS = 10_000;

const LISTENING_PATTERN = /Listening at (http:\/\/\S+)/;
const CHILD_PID_PATTERN = /with pid (\d+)/g;
const PROBLEM_PATTERN = /\[(WARNING|ERROR|CRITICAL)\]/;

/** What {@link startServerProcess} runs. */
export interface ServerProcessOptions {
  /** The bin script to run with this Node, as an absolute path (e.g. server-cluster's `bin/patchbay-cluster.js`). */
  readonly bin: string;
  /** Its arguments after `--bind 127.0.0.1:0`: flags, then the app reference. */
  readonly args: readonly string[];
  /** Its working directory (default: this process's). */
  readonly cwd?: string;
  /** Environment variables on top of this process's. */
  readonly env?: Readonly<Record<string, string>>;
  /** Receives what it writes to stderr (its log), as it arrives. */
  readonly onStderr?: (text: string) => void;
  /** How long it may take to log "Listening at" (default 20 s). */
  readonly startTimeoutMs?: number;
  /** How long a graceful stop may take before every process it started is killed (default 10 s). */
  readonly stopTimeoutMs?: number;
}

/** A server bin running as a child process. */
export interface ServerProcess {
  /** "http://127.0.0.1:PORT", from its "Listening at" line. */
  readonly url: string;
  /** The bin's process id. */
  readonly pid: number;
  /** The pids it logged as "… with pid N" so far (a cluster's workers), in order. */
  childPids(): number[];
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Its stderr lines at WARNING, ERROR or CRITICAL level. */
  problemLines(): string[];
  /**
   * SIGTERM (graceful stop), then waits for it to exit; if it has not after `stopTimeoutMs`, SIGKILLs by
   * PID every child it logged and then the bin. Safe to call twice.
   */
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
 * Spawns `node <bin> --bind 127.0.0.1:0 <args…>` and resolves once it logs "Listening at <url>".
 * Rejects, after stopping it, when it exits or stays silent for `startTimeoutMs` first; the error holds its stderr.
 *
 * @example
 * const cluster = await startServerProcess({ bin: CLUSTER_BIN, args: ["--workers", "2", "src/app.ts:app"], cwd: EXAMPLE_DIR });
 * try {
 *   await fetch(`${cluster.url}/`);
 * } finally {
 *   await cluster.close();
 * }
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  const stopTimeoutMs = options.stopTimeoutMs ?? STOP_TIMEOUT_MS;
  const child = spawn(process.execPath, [options.bin, "--bind", "127.0.0.1:0", ...options.args], {
    cwd: options.cwd,
    env: options.env === undefined ? process.env : { ...process.env, ...options.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const childPids = new Set<number>();
  let text = "";
  let exited = false;
  let onProgress = (): void => {};
  const exit = new Promise<void>((resolve) => {
    const onExit = (): void => {
      exited = true;
      onProgress();
      resolve();
    };
    child.once("exit", onExit);
    // A failed spawn emits 'error' and may never emit 'exit'.
    child.once("error", (error) => {
      text += `${String(error)}\n`;
      onExit();
    });
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    text += chunk;
    for (const match of chunk.matchAll(CHILD_PID_PATTERN)) childPids.add(Number(match[1]));
    options.onStderr?.(chunk);
    onProgress();
  });

  const stop = async (): Promise<void> => {
    if (!exited) child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), stopTimeoutMs)));
    const hung = await Promise.race([exit, timedOut]);
    clearTimeout(timer);
    if (hung !== true) return;
    // Only after a stop that hung: a cleanly exited bin has stopped its children, and their pids may be reused.
    for (const childPid of childPids) killQuietly(childPid);
    if (child.pid !== undefined) killQuietly(child.pid);
    await exit;
  };
  let stopped: Promise<void> | undefined;
  const close = (): Promise<void> => (stopped ??= stop());

  const url = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), startTimeoutMs);
    onProgress = () => {
      const listening = LISTENING_PATTERN.exec(text)?.[1];
      if (listening === undefined && !exited) return;
      clearTimeout(timer);
      resolve(listening);
    };
    onProgress();
  });
  onProgress = () => {};
  if (url === undefined || child.pid === undefined) {
    const why = exited ? "exited before it logged" : `did not log within ${startTimeoutMs} ms`;
    await close();
    throw new Error(`${basename(options.bin)} ${why} "Listening at"; its stderr:\n${text}`);
  }
  return {
    url,
    pid: child.pid,
    childPids: () => [...childPids],
    stderr: () => text,
    problemLines: () => text.split("\n").filter((line) => PROBLEM_PATTERN.test(line)),
    close,
  };
}
