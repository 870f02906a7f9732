// Runs one bounded command to completion and returns its output; kills it by PID when it outlives its limit.
import { spawn } from "node:child_process";
import type { ProcessTracker } from "./process-tracker.js";

/** What a finished command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** Runs `command args` (in `cwd`, default the current folder), tracked by `tracker`; SIGKILLs it after `timeoutMs` and rejects. */
export function runCommand(command: string, args: readonly string[], tracker: ProcessTracker, timeoutMs: number, cwd?: string): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = tracker.add(spawn(command, [...args], { stdio: ["ignore", "pipe", "pipe"], cwd }));
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (data: Buffer) => stdout.push(data));
    child.stderr.on("data", (data: Buffer) => stderr.push(data));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ran longer than ${timeoutMs} ms and was killed`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8"), exitCode });
    });
  });
}
