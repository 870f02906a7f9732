import { request } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDeferred, MemoryLogger, RawConnection, type Deferred } from "@patchbay/conformance";
import type { Application } from "@patchbay/gateway";
import type { Server, ServerOptionsInput } from "@patchbay/server-kit";
import { afterEach, describe, expect, it } from "vitest";
import { createServer, serve } from "../src/server.js";

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.destroy()));
});

function track(server: Server): Server {
  servers.push(server);
  return server;
}

const LOOPBACK_ANY_PORT = { host: "127.0.0.1", port: 0 };

/** Answers "<SERVER_NAME> <SERVER_PORT> <PATH_INFO>". */
const whereApp: Application = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [`${environ.SERVER_NAME} ${environ.SERVER_PORT} ${environ.PATH_INFO}`];
};

/** An app that signals `started`, then answers only once `release` resolves: a request kept in flight. */
function stuckApp(started: Deferred<void>, release: Deferred<void>): Application {
  return async (_environ, startResponse) => {
    started.resolve();
    await release.promise;
    startResponse("200 OK", []);
    return [];
  };
}

function portOf(server: Server, index = 0): number {
  const address = server.addresses[index];
  if (address === undefined || !("port" in address)) throw new Error("no TCP address");
  return address.port;
}

function getOverUnixSocket(socketPath: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ socketPath, path, headers: { Host: "localhost" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("createServer / serve", () => {
  it("listens on every bind and reports each address with its resolved port", async () => {
    const directory = await mkdtemp(join(tmpdir(), "patchbay-loop-"));
    const socketPath = join(directory, "loop.sock");
    try {
      const server = track(createServer(whereApp, { bind: [LOOPBACK_ANY_PORT, LOOPBACK_ANY_PORT, { path: socketPath }], logger: new MemoryLogger() }));
      expect(server.addresses).toEqual([]);
      const addresses = await server.listen();
      expect(addresses).toHaveLength(3);
      expect(server.addresses).toEqual(addresses);
      const first = portOf(server, 0);
      const second = portOf(server, 1);
      expect(first).not.toBe(second);
      expect(addresses[0]).toEqual({ host: "127.0.0.1", port: first, url: `http://127.0.0.1:${first}` });
      expect(addresses[2]).toEqual({ path: socketPath, url: `unix:${socketPath}` });
      expect(await (await fetch(`http://127.0.0.1:${first}/a`)).text()).toBe(`127.0.0.1 ${first} /a`);
      expect(await (await fetch(`http://127.0.0.1:${second}/b`)).text()).toBe(`127.0.0.1 ${second} /b`);
      expect(await getOverUnixSocket(socketPath, "/c")).toEqual({ status: 200, body: "localhost 0 /c" });
      await server.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("serve() creates and binds in one call (host/port shorthand)", async () => {
    const server = track(await serve(whereApp, { host: "127.0.0.1", port: 0, logger: new MemoryLogger() }));
    const port = portOf(server);
    expect(await (await fetch(`http://127.0.0.1:${port}/x`)).text()).toBe(`127.0.0.1 ${port} /x`);
  });

  it("refuses listen() twice, and listen() after close()", async () => {
    const server = track(await serve(whereApp, { bind: [LOOPBACK_ANY_PORT], logger: new MemoryLogger() }));
    await expect(server.listen()).rejects.toMatchObject({ code: "ERR_LOOP_INVALID_STATE", message: "listen() called on a server that is listening" });
    await server.close();
    await expect(server.listen()).rejects.toMatchObject({ code: "ERR_LOOP_INVALID_STATE", message: "listen() called on a server that is closed" });
  });

  it("fails with ERR_LOOP_LISTEN_FAILED on a port in use, and releases the binds it had made", async () => {
    const holder = track(await serve(whereApp, { bind: [LOOPBACK_ANY_PORT], logger: new MemoryLogger() }));
    const busy = portOf(holder);
    const server = track(createServer(whereApp, { bind: [LOOPBACK_ANY_PORT, { host: "127.0.0.1", port: busy }], logger: new MemoryLogger() }));
    const error: unknown = await server.listen().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "ERR_LOOP_LISTEN_FAILED", message: `cannot listen on 127.0.0.1:${busy}: EADDRINUSE` });
    const released = server.addresses[0];
    expect(released).toBeDefined();
    await expect(RawConnection.open((released as { port: number }).port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("throws ERR_KIT_INVALID_OPTION for bad options at creation", () => {
    expect(() => createServer(whereApp, { port: -1 } as ServerOptionsInput)).toThrow(/port must be an integer/);
  });
});

describe("graceful stop", () => {
  it("closes idle keep-alive connections at once, lets an in-flight request finish, refuses new connections", async () => {
    const release = createDeferred();
    const started = createDeferred();
    const app: Application = async (environ, startResponse) => {
      if (environ.PATH_INFO === "/slow") {
        started.resolve();
        await release.promise;
      }
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [`done ${environ.PATH_INFO}`];
    };
    const server = track(await serve(app, { bind: [LOOPBACK_ANY_PORT], logger: new MemoryLogger(), timeouts: { gracefulMs: 10_000 } }));
    const port = portOf(server);

    const idle = await RawConnection.open(port);
    idle.send("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n");
    expect((await idle.readResponse()).header("connection")).toBe("keep-alive");

    const busy = await RawConnection.open(port);
    busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    await started.promise;

    let stopped = false;
    const closing = server.close().then(() => {
      stopped = true;
    });
    await idle.waitForClose();
    expect(idle.pending.length).toBe(0);
    await expect(RawConnection.open(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(stopped).toBe(false);

    release.resolve();
    const response = await busy.readResponse();
    expect(response.status).toBe(200);
    expect(response.complete).toBe(true);
    expect(response.body.toString()).toBe("done /slow");
    expect(response.header("connection")).toBe("close");
    await busy.waitForClose();
    await closing;
    expect(stopped).toBe(true);
  });

  it("closes what is still open after the grace period, and says so", async () => {
    const started = createDeferred();
    const never = createDeferred();
    const logger = new MemoryLogger();
    const server = track(
      await serve(
        stuckApp(started, never),
        { bind: [LOOPBACK_ANY_PORT], logger },
      ),
    );
    const stuck = await RawConnection.open(portOf(server));
    stuck.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await started.promise;
    await server.close(50);
    await stuck.waitForClose();
    expect(logger.at("warning").map((entry) => entry.message)).toEqual(["graceful stop: closing connections still open after 50 ms"]);
    never.resolve();
  });

  it("stops when options.signal aborts", async () => {
    const controller = new AbortController();
    const server = track(await serve(whereApp, { bind: [LOOPBACK_ANY_PORT], logger: new MemoryLogger(), signal: controller.signal }));
    const port = portOf(server);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    controller.abort();
    await server.close();
    await expect(RawConnection.open(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("destroy() closes every connection at once, in flight or not", async () => {
    const started = createDeferred();
    const never = createDeferred();
    const server = track(
      await serve(
        stuckApp(started, never),
        { bind: [LOOPBACK_ANY_PORT], logger: new MemoryLogger(), timeouts: { gracefulMs: 60_000 } },
      ),
    );
    const busy = await RawConnection.open(portOf(server));
    busy.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await started.promise;
    await server.destroy();
    await busy.waitForClose();
    expect(busy.closed).toBe(true);
    expect(busy.pending.length).toBe(0);
    await expect(RawConnection.open(portOf(server))).rejects.toMatchObject({ code: "ECONNREFUSED" });
    never.resolve();
  });
});
