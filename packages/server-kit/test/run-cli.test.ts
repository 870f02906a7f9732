import { mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { callApp, type Application } from "@patchbay/gateway";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CommandLine } from "../src/cli-options.js";
import { DEMO_ROOT, demoApplication } from "../src/demo-application.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runServerCli, type RunServerCliOptions } from "../src/run-cli.js";
import type { Server, ServerAddress, ServerOptionsInput } from "../src/server-types.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** A server that binds nothing and records what runServerCli does with it. */
class RecordingServer implements Server {
  readonly addresses: ServerAddress[] = [];
  readonly calls: string[] = [];
  readonly app: Application;
  readonly options: ServerOptionsInput;
  listenError: Error | undefined;
  /** close() stays pending until this is called (a request in flight). */
  finishClose: (() => void) | undefined;
  holdClose = false;

  constructor(app: Application, options: ServerOptionsInput) {
    this.app = app;
    this.options = options;
  }

  listen(): Promise<ServerAddress[]> {
    this.calls.push("listen");
    if (this.listenError !== undefined) return Promise.reject(this.listenError);
    this.addresses.push({ host: "127.0.0.1", port: 5555, url: "http://127.0.0.1:5555" });
    return Promise.resolve(this.addresses);
  }

  close(): Promise<void> {
    this.calls.push("close");
    if (!this.holdClose) return Promise.resolve();
    return new Promise((resolve) => {
      this.finishClose = resolve;
    });
  }

  destroy(): Promise<void> {
    this.calls.push("destroy");
    this.finishClose?.();
    return Promise.resolve();
  }
}

interface Run {
  status: Promise<number>;
  out: string[];
  errors: string[];
  servers: RecordingServer[];
  commandLines: CommandLine[];
}

function run(argv: string[], configure: (server: RecordingServer) => void = () => {}, extra: Partial<RunServerCliOptions> = {}): Run {
  const out: string[] = [];
  const errors: string[] = [];
  const servers: RecordingServer[] = [];
  const commandLines: CommandLine[] = [];
  const status = runServerCli({
    name: "patchbay-test",
    version: "9.8.7",
    argv,
    environment: {},
    writeOut: (text) => out.push(text),
    writeError: (text) => errors.push(text),
    createServer: (app, options, commandLine) => {
      const server = new RecordingServer(app, options);
      configure(server);
      servers.push(server);
      commandLines.push(commandLine);
      return server;
    },
    ...extra,
  });
  return { status, out, errors, servers, commandLines };
}

/** Waits until runServerCli has installed its signal handlers (after "Listening at"). */
async function untilListening(result: Run): Promise<void> {
  await vi.waitFor(() => expect(result.errors.join("")).toContain("Listening at"), { timeout: 5000 });
  await new Promise((resolve) => setImmediate(resolve));
}

function signalListenerCounts(): { SIGTERM: number; SIGINT: number; SIGUSR1: number } {
  return { SIGTERM: process.listenerCount("SIGTERM"), SIGINT: process.listenerCount("SIGINT"), SIGUSR1: process.listenerCount("SIGUSR1") };
}

describe("runServerCli", () => {
  it("prints --help and --version without starting a server", async () => {
    const help = run(["--help"]);
    expect(await help.status).toBe(EXIT_OK);
    expect(help.out.join("")).toMatch(/^usage: patchbay-test \[options\]/);
    expect(help.servers).toHaveLength(0);
    const version = run(["--version"]);
    expect(await version.status).toBe(EXIT_OK);
    expect(version.out).toEqual(["patchbay-test 9.8.7\n"]);
    expect(version.servers).toHaveLength(0);
  });

  it("exits 2 with one line for a bad flag", async () => {
    const result = run(["--bind", "x"]);
    expect(await result.status).toBe(EXIT_USAGE);
    expect(result.errors).toEqual(["patchbay-test: error: --bind: expected HOST:PORT, [IPV6]:PORT or unix:PATH, got 'x'\n"]);
    expect(result.servers).toHaveLength(0);
    const unknown = run(["--nope"]);
    expect(await unknown.status).toBe(EXIT_USAGE);
    expect(unknown.errors).toEqual(["patchbay-test: error: unknown option --nope\n"]);
  });

  it("exits 2 with one line for a missing module or export", async () => {
    const missing = run([join(FIXTURES, "nowhere.ts")]);
    expect(await missing.status).toBe(EXIT_USAGE);
    expect(missing.errors).toHaveLength(1);
    expect(missing.errors[0]).toMatch(/^patchbay-test: error: cannot find module file .*nowhere\.ts \(looked at .*\)\n$/);
    const noExport = run([`${join(FIXTURES, "typed-app.ts")}:missing`]);
    expect(await noExport.status).toBe(EXIT_USAGE);
    expect(noExport.errors).toHaveLength(1);
    expect(noExport.errors[0]).toMatch(/has no export named 'missing'/);
  });

  it("exits 2 for options the server refuses and for an access log it cannot open", async () => {
    const refused = run([], () => {}, {
      createServer: () => {
        throw new Error("limits.maxBodyBytes must be a positive integer, got 0");
      },
    });
    expect(await refused.status).toBe(EXIT_USAGE);
    expect(refused.errors).toEqual(["patchbay-test: error: limits.maxBodyBytes must be a positive integer, got 0\n"]);
    const badLog = run(["--access-log", "/nonexistent-directory/access.log"]);
    expect(await badLog.status).toBe(EXIT_USAGE);
    expect(badLog.errors).toEqual(["patchbay-test: error: cannot open access log /nonexistent-directory/access.log: ENOENT\n"]);
  });

  it("serves the demo when no module is given, and stops gracefully on SIGTERM", async () => {
    const result = run(["--bind", "127.0.0.1:0", "--env", "A=1"]);
    await untilListening(result);
    const server = result.servers[0] as RecordingServer;
    expect(server.app).toBe(demoApplication);
    expect(server.options.root).toBe(DEMO_ROOT);
    expect(server.options.bind).toEqual([{ host: "127.0.0.1", port: 0 }]);
    expect(server.options.environ).toEqual({ A: "1" });
    expect(server.options.logger?.level).toBe("info");
    expect(server.options.accessLog).toBeNull();
    expect(result.commandLines[0]?.application).toBeUndefined();
    const log = result.errors.join("");
    expect(log).toMatch(/\[INFO\] No application given: serving the demo/);
    expect(log).toMatch(/\[INFO\] Starting patchbay-test 9\.8\.7/);
    expect(log).toContain(`[INFO] Listening at http://127.0.0.1:5555 (pid ${process.pid})`);
    process.emit("SIGTERM", "SIGTERM");
    expect(await result.status).toBe(EXIT_OK);
    expect(server.calls).toEqual(["listen", "close"]);
    expect(result.errors.join("")).toMatch(/Received SIGTERM: stopping gracefully[\s\S]*\[INFO\] Stopped\n$/);
  });

  it("runs a given TypeScript module and keeps --root over the demo's", async () => {
    const result = run(["--log-level", "warning", `${join(FIXTURES, "typed-app.ts")}:other`]);
    await vi.waitFor(() => expect(result.servers).toHaveLength(1), { timeout: 5000 });
    const server = result.servers[0] as RecordingServer;
    await vi.waitFor(() => expect(server.calls).toContain("listen"), { timeout: 5000 });
    await new Promise((resolve) => setImmediate(resolve));
    expect((await callApp(server.app)).text).toBe("other");
    expect(server.options.root).toBeUndefined();
    expect(server.options.logger?.level).toBe("warning");
    // warning level: the info lines are not written.
    expect(result.errors).toEqual([]);
    process.emit("SIGINT", "SIGINT");
    expect(await result.status).toBe(EXIT_OK);
  });

  it("removes the signal handlers it installed once the server has stopped", async () => {
    const before = signalListenerCounts();
    const result = run([]);
    await untilListening(result);
    expect(signalListenerCounts()).toEqual({ SIGTERM: before.SIGTERM + 1, SIGINT: before.SIGINT + 1, SIGUSR1: before.SIGUSR1 + 1 });
    process.emit("SIGTERM", "SIGTERM");
    expect(await result.status).toBe(EXIT_OK);
    expect(signalListenerCounts()).toEqual(before);
  });

  it("forces the stop on a second signal and exits 1", async () => {
    const result = run([], (server) => {
      server.holdClose = true;
    });
    await untilListening(result);
    process.emit("SIGTERM", "SIGTERM");
    await new Promise((resolve) => setImmediate(resolve));
    process.emit("SIGINT", "SIGINT");
    expect(await result.status).toBe(EXIT_FAILURE);
    expect(result.servers[0]?.calls).toEqual(["listen", "close", "destroy"]);
    expect(result.errors.join("")).toMatch(/\[WARNING\] Received SIGINT again: closing every connection now/);
  });

  it("exits 1 when the server cannot listen", async () => {
    const result = run([], (server) => {
      server.listenError = new Error("cannot listen on 127.0.0.1:8000: EADDRINUSE");
    });
    expect(await result.status).toBe(EXIT_FAILURE);
    expect(result.servers[0]?.calls).toEqual(["listen", "destroy"]);
    expect(result.errors.at(-1)).toBe("patchbay-test: error: cannot listen on 127.0.0.1:8000: EADDRINUSE\n");
  });

  describe("with an access log file", () => {
    let directory: string;

    beforeEach(async () => {
      directory = await mkdtemp(join(tmpdir(), "patchbay-run-cli-"));
    });

    afterEach(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    it("opens it with the given format and reopens it on SIGUSR1", async () => {
      const path = join(directory, "access.log");
      const result = run(["--access-log", path, "--access-log-format", "%(m)s %(U)s"]);
      await untilListening(result);
      const accessLog = result.servers[0]?.options.accessLog;
      expect(accessLog).not.toBeNull();
      const record = (target: string) => ({
        remoteAddress: "127.0.0.1", method: "GET", target, protocol: "HTTP/1.1", status: 200, bytesSent: 0,
        referer: undefined, userAgent: undefined, startedAt: Date.now(), durationMicros: 1, requestHeader: () => undefined,
      });
      accessLog?.write(record("/before"));
      await rename(path, `${path}.1`);
      process.emit("SIGUSR1", "SIGUSR1");
      accessLog?.write(record("/after"));
      process.emit("SIGTERM", "SIGTERM");
      expect(await result.status).toBe(EXIT_OK);
      expect(await readFile(path, "utf8")).toBe("GET /after\n");
      await vi.waitFor(async () => expect(await readFile(`${path}.1`, "utf8")).toBe("GET /before\n"), { timeout: 2000 });
      expect(result.errors.join("")).toContain("[INFO] Reopening the access log");
    });
  });
});
