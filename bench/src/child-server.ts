// Starts one server under test as a child process, learns its URL, and stops it by PID; knows nothing of HTTP load.
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import type { ProcessTracker } from "./process-tracker.js";

/** How to start a server and how to know it is ready. */
export interface ChildServerSpec {
  /** Name in messages, e.g. "server-loop + routes". */
  label: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: Readonly<Record<string, string>>;
  /**
   * A URL known in advance (nginx listens where its config says): readiness is then a TCP connect.
   * Default: the URL is read from the first "Listening at http://…" line the child prints.
   */
  fixedUrl?: string;
}

/** A started server. */
export interface RunningServer {
  label: string;
  /** Base URL, e.g. "http://127.0.0.1:40123" (no trailing slash). */
  url: string;
  pid: number;
  /** The last lines it printed (for error messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after the grace time; resolves once it has exited. */
  stop(): Promise<void>;
}

const LISTENING_PATTERN = /Listening at (http:\/\/[^\s]+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const READY_POLL_MS = 50;
const OUTPUT_TAIL_CHARS = 4_000;

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function canConnect(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Spawns the server (its PID tracked by `tracker`) and resolves once it listens; rejects with the
 * server's own output when it exits first or is not listening within 30 s.
 */
export async function startChildServer(spec: ChildServerSpec, tracker: ProcessTracker): Promise<RunningServer> {
  const child = tracker.add(
    spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let output = "";
  let announcedUrl: string | undefined;
  const onData = (data: Buffer): void => {
    output = (output + data.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
    announcedUrl ??= LISTENING_PATTERN.exec(output)?.[1]?.replace(/\/$/, "");
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      child.kill("SIGKILL");
      await waitForExit(child, STOP_GRACE_MS);
    }
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${spec.label} exited (${child.exitCode ?? child.signalCode}) before listening:\n${output}`);
    }
    const url = spec.fixedUrl ?? announcedUrl;
    if (url !== undefined && (spec.fixedUrl === undefined || (await canConnect(url)))) {
      return { label: spec.label, url, pid: child.pid as number, output: () => output, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  await stop();
  throw new Error(`${spec.label} was not listening after ${START_TIMEOUT_MS} ms:\n${output}`);
}
