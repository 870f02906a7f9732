// Spawns the built patchbay-loop bin for tests and reads its output; every child is killed by PID afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The committed shim, which imports dist/bin.js (`pnpm test` builds before it runs the tests). */
export const BIN_PATH = fileURLToPath(new URL("../bin/patchbay-loop.js", import.meta.url));
/** Where fixture apps live. */
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
/** Longest a test waits for the bin to say something or to exit. */
export const BIN_WAIT_MS = 20_000;

const running = new Set<ChildProcess>();

/** A running bin and what it wrote so far. */
export interface BinProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** Resolves with the first match of `pattern` in stderr; rejects after BIN_WAIT_MS or on exit. */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** Starts `node [nodeFlags] bin/patchbay-loop.js ...args`. Throws when dist/ has not been built. */
export function spawnBin(args: readonly string[], nodeFlags: readonly string[] = []): BinProcess {
  if (!existsSync(fileURLToPath(new URL("../dist/bin.js", import.meta.url)))) throw new Error("packages/server-loop/dist/bin.js is missing: run `pnpm run build` first");
  const child = spawn(process.execPath, [...nodeFlags, BIN_PATH, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, HOST: "", PORT: "" } });
  running.add(child);
  let out = "";
  let error = "";
  const listeners = new Set<() => void>();
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    error += chunk.toString();
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? "unknown");
      for (const listener of listeners) listener();
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => error,
    exited,
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(error);
          if (match !== null) finish(() => resolve(match));
          else if (child.exitCode !== null || child.signalCode !== null) finish(() => reject(new Error(`the bin exited before writing ${String(pattern)}; stderr: ${error}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no ${String(pattern)} on stderr within ${BIN_WAIT_MS} ms; stderr: ${error}`))), BIN_WAIT_MS);
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      }),
  };
}

/** Starts the bin on 127.0.0.1 port 0 and resolves with its origin, read from the "Listening at" line. */
export async function startBin(args: readonly string[], nodeFlags: readonly string[] = []): Promise<{ bin: BinProcess; origin: string }> {
  const bin = spawnBin(["--bind", "127.0.0.1:0", ...args], nodeFlags);
  const match = await bin.waitForStderr(/Listening at (http:\/\/127\.0\.0\.1:\d+) \(pid (\d+)\)/);
  return { bin, origin: match[1] as string };
}

/** Kills every bin still running (afterEach), by PID. */
export function killBins(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}
