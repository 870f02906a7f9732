// The server over real sockets: binds (TCP and unix), the connection cap, slowloris, graceful and forced stop.
import { mkdtemp, rm } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GatewayError } from "@patchbay/gateway";
import { afterEach, describe, expect, it } from "vitest";
import { createServer, serve } from "../src/server.js";
import { collect, countStatusLines, openSocket, portOf, rawExchange } from "./raw-exchange.js";
import { createTestApplication } from "./test-application.js";

const SILENT_LOGGER = { level: "critical" as const, debug() {}, info() {}, warning() {}, error() {} };
const SLOWLORIS_CONNECTIONS = 200;
const SLOWLORIS_SECONDS = 3;

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

describe("listening", () => {
  it("binds a TCP address and a unix socket at once, and serves both", async () => {
    const directory = await mkdtemp(join(tmpdir(), "patchbay-socket-"));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const path = join(directory, "server.sock");
    const server = await serve(createTestApplication().app, { bind: [{ host: "127.0.0.1", port: 0 }, { path }], logger: SILENT_LOGGER });
    cleanups.push(() => server.close(1000));
    expect(server.addresses).toHaveLength(2);
    expect(server.addresses[1]).toEqual({ path, url: `unix:${path}` });

    const overTcp = await fetch(`${server.addresses[0]?.url ?? ""}/tcp`);
    expect(await overTcp.text()).toBe("hello /tcp");

    const socket = await new Promise<Socket>((resolve, reject) => {
      const client = connect({ path }, () => resolve(client));
      client.once("error", reject);
    });
    try {
      const answer = collect(socket, { responses: 1 });
      socket.write("GET /unix HTTP/1.1\r\nHost: localhost\r\n\r\n");
      expect((await answer).text).toContain("hello /unix");
    } finally {
      socket.destroy();
    }
  });

  it("refuses a second listen() with ERR_SOCKET_INVALID_STATE", async () => {
    const server = createServer(createTestApplication().app, { port: 0, logger: SILENT_LOGGER });
    cleanups.push(() => server.close(1000));
    await server.listen();
    const error: unknown = await server.listen().catch((caught: unknown) => caught);
    expect(GatewayError.isGatewayError(error) ? error.code : undefined).toBe("ERR_SOCKET_INVALID_STATE");
  });

  it("rejects with ERR_SOCKET_LISTEN_FAILED when the port is taken", async () => {
    const first = await serve(createTestApplication().app, { port: 0, logger: SILENT_LOGGER });
    cleanups.push(() => first.close(1000));
    const second = createServer(createTestApplication().app, { port: portOf(first.addresses), logger: SILENT_LOGGER });
    const error: unknown = await second.listen().catch((caught: unknown) => caught);
    expect(GatewayError.isGatewayError(error) ? error.code : undefined).toBe("ERR_SOCKET_LISTEN_FAILED");
  });
});

describe("connection cap", () => {
  it("answers 503 and closes a connection over maxConnections", async () => {
    const server = await serve(createTestApplication().app, { port: 0, logger: SILENT_LOGGER, limits: { maxConnections: 1 } });
    cleanups.push(() => server.close(1000));
    const port = portOf(server.addresses);
    const holder = await openSocket(port);
    cleanups.push(async () => void holder.destroy());
    // Let the server accept the first connection before the second arrives.
    const first = collect(holder, { responses: 1 });
    holder.write("GET /first HTTP/1.1\r\nHost: a\r\n\r\n");
    expect((await first).text).toContain("hello /first");

    const refused = await rawExchange(port, "GET /second HTTP/1.1\r\nHost: a\r\n\r\n");
    expect(refused.text.startsWith("HTTP/1.1 503 Service Unavailable\r\n")).toBe(true);
    expect(refused.closed).toBe(true);
  });

  it(`keeps serving a normal client while ${SLOWLORIS_CONNECTIONS} connections trickle a byte a second`, async () => {
    const server = await serve(createTestApplication().app, { port: 0, logger: SILENT_LOGGER, limits: { maxConnections: SLOWLORIS_CONNECTIONS + 50 } });
    cleanups.push(() => server.close(1000));
    const port = portOf(server.addresses);
    const slow = await Promise.all(Array.from({ length: SLOWLORIS_CONNECTIONS }, () => openSocket(port)));
    cleanups.push(async () => {
      for (const socket of slow) socket.destroy();
    });
    const head = Buffer.from("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ", "latin1");
    const served: number[] = [];
    for (let second = 0; second < SLOWLORIS_SECONDS; second++) {
      for (const socket of slow) socket.write(head.subarray(second, second + 1));
      const response = await fetch(`http://127.0.0.1:${port}/normal${second}`);
      expect(await response.text()).toBe(`hello /normal${second}`);
      served.push(response.status);
      await delay(1000);
    }
    expect(served).toEqual(Array.from({ length: SLOWLORIS_SECONDS }, () => 200));
    // The trickling connections are still open (their head timeout has not passed), not refused.
    expect(slow.every((socket) => !socket.destroyed)).toBe(true);
  }, 15_000);
});

describe("stopping", () => {
  it("graceful stop lets a request in flight finish with Connection: close, and closes idle connections", async () => {
    const server = await serve(createTestApplication().app, { port: 0, logger: SILENT_LOGGER });
    const port = portOf(server.addresses);

    const idle = await openSocket(port);
    cleanups.push(async () => void idle.destroy());
    const idleFirst = collect(idle, { responses: 1 });
    idle.write("GET /idle HTTP/1.1\r\nHost: a\r\n\r\n");
    await idleFirst;
    const idleAfterStop = collect(idle, { waitMs: 3000 });

    const busy = await openSocket(port);
    cleanups.push(async () => void busy.destroy());
    const busyAnswer = collect(busy, { waitMs: 3000 });
    busy.write("GET /slow?ms=300 HTTP/1.1\r\nHost: a\r\n\r\n");
    await delay(50);

    const stopped = server.close(5000);
    const idleResult = await idleAfterStop;
    expect(idleResult.closed).toBe(true);
    expect(idleResult.text).toBe("");

    const { text, closed } = await busyAnswer;
    expect(text.startsWith("HTTP/1.1 200 OK\r\n")).toBe(true);
    expect(text).toMatch(/\r\nConnection: close\r\n/i);
    expect(text).toContain("slow /slow?ms=300");
    expect(closed).toBe(true);
    await stopped;
    await expect(openSocket(port)).rejects.toThrow(/ECONNREFUSED/);
  });

  /** A server with one connection 50 ms into a 2 s request; `answer` collects what that connection receives. */
  async function serveWithSlowRequest(): Promise<{ server: Awaited<ReturnType<typeof serve>>; answer: ReturnType<typeof collect> }> {
    const server = await serve(createTestApplication().app, { port: 0, logger: SILENT_LOGGER });
    const port = portOf(server.addresses);
    const busy = await openSocket(port);
    cleanups.push(async () => void busy.destroy());
    const answer = collect(busy, { waitMs: 3000 });
    busy.write("GET /slow?ms=2000 HTTP/1.1\r\nHost: a\r\n\r\n");
    await delay(50);
    return { server, answer };
  }

  it("graceful stop forces connections closed after gracefulMs", async () => {
    const { server, answer } = await serveWithSlowRequest();
    await server.close(100);
    const { text, closed } = await answer;
    expect(closed).toBe(true);
    expect(countStatusLines(text)).toBe(0);
  });

  it("stops when the options' signal aborts", async () => {
    const controller = new AbortController();
    const server = await serve(createTestApplication().app, { port: 0, logger: SILENT_LOGGER, signal: controller.signal });
    const port = portOf(server.addresses);
    controller.abort();
    // close() after the signal returns the same stop in progress.
    await server.close();
    await expect(openSocket(port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("destroy() closes every connection at once", async () => {
    const { server, answer } = await serveWithSlowRequest();
    await server.destroy();
    expect((await answer).closed).toBe(true);
  });
});
