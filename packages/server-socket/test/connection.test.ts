// Connection behaviour over real sockets on 127.0.0.1: keep-alive, pipelining, bodies both ways,
// 100-continue, HEAD, half-close, disconnect signal, app errors.
import { Socket } from "node:net";
import type { Server } from "@patchbay/server-kit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_DRAIN_BYTES } from "../src/connection-limits.js";
import { serve } from "../src/server.js";
import { collect, countStatusLines, openSocket, portOf, rawExchange } from "./raw-exchange.js";
import { createTestApplication, type TestObservations } from "./test-application.js";

const SILENT_LOGGER = { level: "critical" as const, debug() {}, info() {}, warning() {}, error() {} };

let server: Server;
let port: number;
let baseUrl: string;
let observations: TestObservations;

beforeAll(async () => {
  const test = createTestApplication();
  observations = test.observations;
  server = await serve(test.app, { host: "127.0.0.1", port: 0, logger: SILENT_LOGGER });
  port = portOf(server.addresses);
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.close(1000);
});

function get(path: string, headers = ""): string {
  return `GET ${path} HTTP/1.1\r\nHost: a\r\n${headers}\r\n`;
}

describe("keep-alive", () => {
  it("answers two requests on one connection and keeps it open", async () => {
    const socket = await openSocket(port);
    try {
      const first = collect(socket, { responses: 1 });
      socket.write(get("/one"));
      expect((await first).text).toContain("hello /one");
      const second = collect(socket, { waitMs: 300 });
      socket.write(get("/two"));
      const answer = await second;
      expect(answer.text).toContain("hello /two");
      expect(answer.closed).toBe(false);
    } finally {
      socket.destroy();
    }
  });

  it("closes after a response when the client sends Connection: close, and says so", async () => {
    const answer = await rawExchange(port, get("/bye", "Connection: close\r\n"));
    expect(answer.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer.text).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer.closed).toBe(true);
  });

  it("closes an HTTP/1.0 connection unless the client asked for keep-alive", async () => {
    const closing = await rawExchange(port, "GET /old HTTP/1.0\r\n\r\n");
    expect(closing.text).toContain("hello /old");
    expect(closing.closed).toBe(true);

    const kept = await rawExchange(port, "GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", { waitMs: 300 });
    expect(kept.text).toContain("hello /old");
    expect(kept.text).toMatch(/\r\nConnection: keep-alive\r\n/i);
    expect(kept.closed).toBe(false);
  });

  it("serves many sequential fetches", async () => {
    for (let index = 0; index < 20; index++) {
      const response = await fetch(`${baseUrl}/n${index}`);
      expect(await response.text()).toBe(`hello /n${index}`);
    }
  });
});

describe("pipelining", () => {
  it("answers three pipelined requests in order", async () => {
    const answer = await rawExchange(port, get("/a") + get("/b") + get("/c"), { responses: 3 });
    expect(countStatusLines(answer.text)).toBe(3);
    const order = [answer.text.indexOf("hello /a"), answer.text.indexOf("hello /b"), answer.text.indexOf("hello /c")];
    expect(order[0]).toBeGreaterThan(0);
    expect(order).toEqual([...order].sort((left, right) => left - right));
  });

  it("keeps the order when the first response is the slowest", async () => {
    const answer = await rawExchange(port, get("/slow?ms=150") + get("/fast1") + get("/fast2"), { responses: 3 });
    const slow = answer.text.indexOf("slow /slow?ms=150");
    expect(slow).toBeGreaterThan(0);
    expect(answer.text.indexOf("hello /fast1")).toBeGreaterThan(slow);
    expect(answer.text.indexOf("hello /fast2")).toBeGreaterThan(answer.text.indexOf("hello /fast1"));
  });

  it("sends the responses to the pipelined requests of one read in one socket write", async () => {
    const write = vi.spyOn(Socket.prototype, "write");
    try {
      const answer = await rawExchange(port, get("/p1") + get("/p2") + get("/p3") + get("/p4"), { responses: 4 });
      expect(countStatusLines(answer.text)).toBe(4);
      // Server-side sockets are the ones accepted by a net.Server.
      const serverWrites = write.mock.contexts.filter((socket) => {
        const server = (socket as Socket & { server?: unknown }).server;
        return server !== undefined && server !== null;
      });
      expect(serverWrites).toHaveLength(1);
    } finally {
      write.mockRestore();
    }
  });

  it("answers pipelined requests sent one byte at a time", async () => {
    const socket = await openSocket(port);
    try {
      const answer = collect(socket, { responses: 2 });
      for (const byte of Buffer.from(get("/x") + get("/y"), "latin1")) socket.write(Buffer.of(byte));
      const { text } = await answer;
      expect(text.indexOf("hello /x")).toBeGreaterThan(0);
      expect(text.indexOf("hello /y")).toBeGreaterThan(text.indexOf("hello /x"));
    } finally {
      socket.destroy();
    }
  });
});

describe("request and response bodies", () => {
  it("streams a Content-Length body to the app", async () => {
    const response = await fetch(`${baseUrl}/echo`, { method: "POST", body: "hello body" });
    expect(await response.text()).toBe("hello body");
  });

  it("decodes a chunked request body", async () => {
    const request = "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
    const answer = await rawExchange(port, request, { responses: 1 });
    expect(answer.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer.text.endsWith("\r\n\r\nhello world")).toBe(true);
  });

  it("reads a 4 MiB body through backpressure", async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, 7);
    const response = await fetch(`${baseUrl}/length`, { method: "POST", body });
    expect(await response.text()).toBe(String(body.length));
  });

  it("frames a streamed response as chunked on HTTP/1.1", async () => {
    const answer = await rawExchange(port, get("/chunked"), { until: (text) => text.endsWith("0\r\n\r\n") });
    expect(answer.text).toMatch(/\r\nTransfer-Encoding: chunked\r\n/i);
    expect(answer.text).toContain("\r\n\r\n5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\n\r\n");
    const response = await fetch(`${baseUrl}/chunked`);
    expect(await response.text()).toBe("hello world");
  });

  it("sends an 8 MiB response whole (the writer waits for drain)", async () => {
    const response = await fetch(`${baseUrl}/big?n=${8 * 1024 * 1024}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBe(8 * 1024 * 1024);
    expect(bytes.every((byte) => byte === 0x78)).toBe(true);
  });

  it("drops an unread body and serves the next request on the same connection", async () => {
    const request = "POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789" + get("/after");
    const answer = await rawExchange(port, request, { responses: 2 });
    expect(countStatusLines(answer.text)).toBe(2);
    expect(answer.text).toContain("hello /after");
    expect(answer.text).not.toContain("0123456789");
  });

  it("closes the connection after the response when the unread body is larger than MAX_DRAIN_BYTES", async () => {
    const length = MAX_DRAIN_BYTES * 2;
    const request = `POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: ${length}\r\n\r\n${"q".repeat(length)}${get("/never")}`;
    const before = observations.paths.length;
    const answer = await rawExchange(port, request, { waitMs: 3000 });
    expect(countStatusLines(answer.text)).toBe(1);
    expect(answer.text).toContain("hello /hello");
    expect(answer.closed).toBe(true);
    expect(observations.paths.slice(before)).toEqual(["/hello"]);
  });

  it("drops an unread chunked body within MAX_DRAIN_BYTES and serves the next request", async () => {
    const chunk = "z".repeat(1000);
    const chunks = Array.from({ length: 50 }, () => `3e8\r\n${chunk}\r\n`).join("");
    const request = `POST /hello HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n${get("/after-chunked")}`;
    const answer = await rawExchange(port, request, { responses: 2 });
    expect(countStatusLines(answer.text)).toBe(2);
    expect(answer.text).toContain("hello /after-chunked");
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const answer = await rawExchange(port, `HEAD /head HTTP/1.1\r\nHost: a\r\n\r\n${get("/next")}`, { responses: 2 });
    const [headResponse, nextResponse] = answer.text.split(/(?=HTTP\/1\.1 )/);
    expect(headResponse).toMatch(/\r\nContent-Length: 11\r\n/i);
    expect(headResponse?.endsWith("\r\n\r\n")).toBe(true);
    expect(nextResponse).toContain("hello /next");
  });
});

describe("Expect: 100-continue", () => {
  it("sends 100 Continue only once the app reads the body", async () => {
    const socket = await openSocket(port);
    try {
      const interim = collect(socket, { responses: 1 });
      socket.write("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      expect((await interim).text).toBe("HTTP/1.1 100 Continue\r\n\r\n");
      const final = collect(socket, { responses: 1 });
      socket.write("hello");
      const { text } = await final;
      expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(text.endsWith("\r\n\r\nhello")).toBe(true);
    } finally {
      socket.destroy();
    }
  });

  it("sends no 100 when the app answers without reading, then closes", async () => {
    const request = "POST /reject HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n";
    const answer = await rawExchange(port, request);
    expect(answer.text).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(answer.text).not.toContain("100 Continue");
    expect(answer.text).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer.closed).toBe(true);
  });

  it("answers 417 to an expectation other than 100-continue, without calling the app", async () => {
    const before = observations.calls;
    const answer = await rawExchange(port, "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: teapot\r\n\r\nhello");
    expect(answer.text).toMatch(/^HTTP\/1\.1 417 Expectation Failed\r\n/);
    expect(answer.closed).toBe(true);
    expect(observations.calls).toBe(before);
  });
});

describe("failures and clients going away", () => {
  it("answers 500 when the app throws, and goes on serving", async () => {
    const failed = await fetch(`${baseUrl}/throw`);
    expect(failed.status).toBe(500);
    await failed.arrayBuffer();
    const next = await fetch(`${baseUrl}/after-throw`);
    expect(await next.text()).toBe("hello /after-throw");
  });

  it("answers a half-closed client, then closes", async () => {
    const answer = await rawExchange(port, get("/half") + get("/closed"), { endAfterWrite: true });
    expect(countStatusLines(answer.text)).toBe(2);
    expect(answer.text).toContain("hello /half");
    expect(answer.text).toContain("hello /closed");
    expect(answer.closed).toBe(true);
  });

  it("answers a half-closed client even when the response comes after the FIN", async () => {
    const answer = await rawExchange(port, get("/slow?ms=100") + get("/after-slow"), { endAfterWrite: true });
    expect(countStatusLines(answer.text)).toBe(2);
    expect(answer.text).toContain("slow /slow?ms=100");
    expect(answer.text).toContain("hello /after-slow");
    expect(answer.closed).toBe(true);
  });

  it("aborts gateway.disconnect when the client goes away mid-response", async () => {
    const socket = await openSocket(port);
    const firstBytes = collect(socket, { responses: 1 });
    socket.write(get("/stream-until-abort"));
    expect((await firstBytes).text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    socket.destroy();
    await expect(observations.streamEnded).resolves.toBe(true);
  });
});
