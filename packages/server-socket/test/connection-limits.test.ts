// The connection's defences over real sockets: every limit, every timeout, and request smuggling patterns.
// After a refusal the connection must close, and a request hidden behind the refused one is never answered.
import type { Server } from "@patchbay/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../src/server.js";
import { collect, countStatusLines, openSocket, portOf, rawExchange } from "./raw-exchange.js";
import { createTestApplication, type TestObservations } from "./test-application.js";

const SILENT_LOGGER = { level: "critical" as const, debug() {}, info() {}, warning() {}, error() {} };
const HEADERS_TIMEOUT_MS = 300;
const KEEP_ALIVE_TIMEOUT_MS = 300;
const REQUEST_TIMEOUT_MS = 600;

let server: Server;
let port: number;
let observations: TestObservations;

beforeAll(async () => {
  const test = createTestApplication();
  observations = test.observations;
  server = await serve(test.app, {
    host: "127.0.0.1",
    port: 0,
    logger: SILENT_LOGGER,
    limits: { maxRequestLineBytes: 100, maxHeaderCount: 5, maxHeaderBytes: 512, maxBodyBytes: 100 },
    timeouts: { headersMs: HEADERS_TIMEOUT_MS, keepAliveMs: KEEP_ALIVE_TIMEOUT_MS, requestMs: REQUEST_TIMEOUT_MS },
  });
  port = portOf(server.addresses);
});

afterAll(async () => {
  await server.close(1000);
});

/** How the server answered a request it should refuse. */
interface Refusal {
  status: number;
  /** The response said "Connection: close". */
  connectionClose: boolean;
  /** Status lines received: exactly 1 means no second (smuggled) request was answered. */
  responses: number;
  /** The server closed the connection. */
  closed: boolean;
  /** The app was called for /smuggled. */
  smuggledServed: boolean;
  text: string;
}

/** Sends `bytes` on a new connection and reports how the server answered (waits up to 3 s for the close). */
async function sendRefused(bytes: string): Promise<Refusal> {
  const callsBefore = observations.paths.length;
  const answer = await rawExchange(port, bytes, { waitMs: 3000 });
  return {
    status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer.text)?.[1] ?? "0"),
    connectionClose: /\r\nConnection: close\r\n/i.test(answer.text),
    responses: countStatusLines(answer.text),
    closed: answer.closed,
    smuggledServed: observations.paths.slice(callsBefore).includes("/smuggled"),
    text: answer.text,
  };
}

/** The Refusal fields every refused request must show: one response with `status`, then the connection closed. */
function refusedWith(status: number): Omit<Refusal, "text"> & { text: unknown } {
  return { status, connectionClose: true, responses: 1, closed: true, smuggledServed: false, text: expect.any(String) };
}

const SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n";

describe("limits", () => {
  it("answers 414 to a request line over maxRequestLineBytes", async () => {
    expect(await sendRefused(`GET /${"a".repeat(200)} HTTP/1.1\r\nHost: a\r\n\r\n${SMUGGLED}`)).toEqual(refusedWith(414));
  });

  it("answers 431 to more header fields than maxHeaderCount", async () => {
    const fields = Array.from({ length: 6 }, (_, index) => `X-Field-${index}: ${index}\r\n`).join("");
    expect(await sendRefused(`GET / HTTP/1.1\r\nHost: a\r\n${fields}\r\n${SMUGGLED}`)).toEqual(refusedWith(431));
  });

  it("answers 431 to a header section over maxHeaderBytes", async () => {
    expect(await sendRefused(`GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${"b".repeat(600)}\r\n\r\n${SMUGGLED}`)).toEqual(refusedWith(431));
  });

  it("answers 413 to a Content-Length over maxBodyBytes, without calling the app", async () => {
    const callsBefore = observations.calls;
    expect(await sendRefused(`POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n${"z".repeat(101)}${SMUGGLED}`)).toEqual(refusedWith(413));
    expect(observations.calls).toBe(callsBefore);
  });

  it("answers 413 to a chunked body that grows over maxBodyBytes", async () => {
    expect(await sendRefused(`POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n${"z".repeat(101)}\r\n0\r\n\r\n${SMUGGLED}`)).toEqual(refusedWith(413));
  });

  it("serves a body of exactly maxBodyBytes", async () => {
    const answer = await rawExchange(port, `POST /length HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n${"z".repeat(100)}`, { responses: 1 });
    expect(answer.text.endsWith("\r\n\r\n100")).toBe(true);
  });
});

describe("request smuggling", () => {
  const patterns: [name: string, bytes: string, status: number][] = [
    ["CL.TE (Content-Length and Transfer-Encoding)", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400],
    ["TE.CL (Transfer-Encoding then Content-Length)", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\n", 400],
    ["TE.TE: whitespace before the colon", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400],
    ["TE.TE: obs-fold continuation line", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n chunked\r\n\r\n0\r\n\r\n", 400],
    ["TE.TE: chunked twice", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400],
    ["TE.TE: chunked not last", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", 400],
    ["TE.TE: chunked not final (RFC 9112 §6.3 gives 400)", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", 400],
    ["a coding before chunked that no server knows (RFC 9112 §6.1 gives 501)", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501],
    ["TE on HTTP/1.0", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400],
    ["duplicate Content-Length with different values", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400],
    ["Content-Length with a sign", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", 400],
    ["LF-only line ends", "GET / HTTP/1.1\nHost: a\n\n", 400],
    ["a bare CR inside a field", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n", 400],
    ["bad chunk size", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5x\r\nhello\r\n0\r\n\r\n", 400],
  ];
  for (const [name, bytes, status] of patterns) {
    it(`answers ${status} and closes: ${name}`, async () => {
      expect(await sendRefused(bytes + SMUGGLED)).toEqual(refusedWith(status));
    });
  }

  it("never parses a request sent after a refused one on a later write", async () => {
    const socket = await openSocket(port);
    try {
      const answer = collect(socket, { waitMs: 3000 });
      socket.write("GET / HTTP/1.1\nHost: a\n\n");
      setTimeout(() => {
        if (!socket.destroyed) socket.write(SMUGGLED);
      }, 20);
      const { text, closed } = await answer;
      expect(countStatusLines(text)).toBe(1);
      expect(text.startsWith("HTTP/1.1 400 ")).toBe(true);
      expect(closed).toBe(true);
    } finally {
      socket.destroy();
    }
  });
});

describe("timeouts", () => {
  it("closes a connection that sends nothing after headersMs", async () => {
    const answer = await rawExchange(port, "", { waitMs: 3000 });
    expect(answer.closed).toBe(true);
    expect(answer.text).toBe("");
  });

  it("answers 408 to a head that does not complete in time (slowloris), then closes", async () => {
    const refusal = await sendRefused("GET / HTTP/1.1\r\nHost: a\r\nX-Slow:");
    expect(refusal).toEqual(refusedWith(408));
    expect(refusal.text).toContain("Request Timeout");
  });

  it("closes an idle keep-alive connection after keepAliveMs", async () => {
    const socket = await openSocket(port);
    try {
      const first = collect(socket, { responses: 1 });
      socket.write("GET /idle HTTP/1.1\r\nHost: a\r\n\r\n");
      expect((await first).text).toContain("hello /idle");
      const idle = await collect(socket, { waitMs: 3000 });
      expect(idle.closed).toBe(true);
      expect(idle.text).toBe("");
    } finally {
      socket.destroy();
    }
  });

  it("answers 408 when the body does not arrive within requestMs", async () => {
    expect(await sendRefused("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc")).toEqual(refusedWith(408));
  });
});
