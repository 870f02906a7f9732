import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server as NetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listenOnBind, type ListenOnBindOptions } from "../src/listen-on-bind.js";
import type { Logger } from "../src/server-types.js";

class ListenError extends Error {}

function recordingLogger(): Logger & { errors: [string, unknown][] } {
  const errors: [string, unknown][] = [];
  return { level: "info", debug() {}, info() {}, warning() {}, error: (message, error) => errors.push([message, error]), errors };
}

function optionsWith(logger: Logger): ListenOnBindOptions {
  return { logger, createListenError: (message, cause) => new ListenError(message, { cause }) };
}

const servers: NetServer[] = [];
const directories: string[] = [];

function track(server: NetServer): NetServer {
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))));
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

describe("listenOnBind", () => {
  it("binds a host and port, resolving port 0, and names the listener after the bound address", async () => {
    const server = track(createServer());
    const bound = await listenOnBind(server, { host: "127.0.0.1", port: 0 }, optionsWith(recordingLogger()));
    const port = (server.address() as { port: number }).port;
    expect(port).toBeGreaterThan(0);
    expect(bound).toEqual({ address: { host: "127.0.0.1", port, url: `http://127.0.0.1:${port}` }, serverName: "127.0.0.1", serverPort: port });
  });

  it("binds a unix socket, named localhost with port 0", async () => {
    const directory = await mkdtemp(join(tmpdir(), "patchbay-listen-"));
    directories.push(directory);
    const path = join(directory, "server.sock");
    const server = track(createServer());
    const bound = await listenOnBind(server, { path }, optionsWith(recordingLogger()));
    expect(server.listening).toBe(true);
    expect(bound).toEqual({ address: { path, url: `unix:${path}` }, serverName: "localhost", serverPort: 0 });
  });

  it("rejects with the caller's error, naming the bind and the system error code, when the port is taken", async () => {
    const busy = track(createServer());
    const { address } = await listenOnBind(busy, { host: "127.0.0.1", port: 0 }, optionsWith(recordingLogger()));
    const port = (address as { port: number }).port;
    const error: unknown = await listenOnBind(track(createServer()), { host: "127.0.0.1", port }, optionsWith(recordingLogger())).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ListenError);
    expect((error as ListenError).message).toBe(`cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
    expect((error as ListenError).cause).toMatchObject({ code: "EADDRINUSE" });
  });

  it("logs the listener's errors after it is bound", async () => {
    const logger = recordingLogger();
    const server = track(createServer());
    await listenOnBind(server, { host: "127.0.0.1", port: 0 }, optionsWith(logger));
    const failure = new Error("accept failed");
    server.emit("error", failure);
    expect(logger.errors).toEqual([["server error", failure]]);
  });
});
