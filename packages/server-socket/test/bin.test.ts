// The patchbay-socket command, run as a child process through the committed shim (built dist/ first).
import { execFile, execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const PACKAGE_DIRECTORY = fileURLToPath(new URL("..", import.meta.url));
const SHIM = fileURLToPath(new URL("../bin/patchbay-socket.js", import.meta.url));
const TSC = fileURLToPath(new URL("../../../node_modules/.bin/tsc", import.meta.url));

/** Runs the command with `args`; resolves with its exit status and output (bounded to 20 s). */
function runBin(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SHIM, ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

beforeAll(() => {
  // The shim runs dist/bin.js: build it (and its workspace dependencies) from the current sources.
  execFileSync(TSC, ["-b"], { cwd: PACKAGE_DIRECTORY, timeout: 120_000 });
}, 130_000);

describe("patchbay-socket", () => {
  it("exits 2 with one error line for an unknown flag", async () => {
    const result = await runBin(["--no-such-flag"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^patchbay-socket: error: .*no-such-flag/m);
  });

  it("exits 2 for a bad flag value", async () => {
    const result = await runBin(["--bind", "127.0.0.1:notaport"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^patchbay-socket: error: /m);
  });

  it("serves the demo on the address it logs, and exits 0 after SIGTERM", async () => {
    const child = spawn(process.execPath, [SHIM, "--bind", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const killTimer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let log = "";
        child.stderr.on("data", (chunk: Buffer) => {
          log += chunk.toString("utf8");
          const match = /Listening at (http:\/\/\S+)/.exec(log);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        void exited.then(() => reject(new Error(`exited before listening:\n${log}`)));
      });
      const response = await fetch(`${url}/environ`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("REQUEST_METHOD");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(killTimer);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 20_000);

  it("prints its name and version for --version", async () => {
    const result = await runBin(["--version"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^patchbay-socket \d+\.\d+\.\d+\n$/);
  });
});
