/**
 * Conformance cases: how the response is framed on the wire (RFC 9112 §6): Content-Length for a known
 * body, chunked for a streamed one on HTTP/1.1, close-delimited on 1.0, no body for HEAD, 204 and 304.
 */
import { describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { RawConnection } from "./raw-connection.js";
import type { RawResponse } from "./raw-response.js";
import { startTestServer } from "./test-server.js";

/** IMF-fixdate (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT". */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

async function* streamed(parts: readonly string[]): AsyncGenerator<string> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

/** Routes on PATH_INFO to the response shapes the cases need. */
const framingApp: Application = (environ, startResponse) => {
  switch (environ.PATH_INFO) {
    case "/list":
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return ["known ", "length"];
    case "/stream":
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return streamed(["one ", "two ", "three"]);
    case "/declared":
      startResponse("200 OK", [["Content-Type", "text/plain"], ["Content-Length", "8"]]);
      return streamed(["dec", "lared"]);
    case "/no-content":
      startResponse("204 No Content", []);
      return [];
    case "/not-modified":
      startResponse("304 Not Modified", [["ETag", '"v1"']]);
      return [];
    case "/cookies":
      startResponse("200 OK", [["Set-Cookie", "a=1; Path=/"], ["Set-Cookie", "b=2; Path=/"], ["Content-Type", "text/plain"]]);
      return ["cookies"];
    case "/empty":
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [];
    default:
      startResponse("404 Not Found", [["Content-Type", "text/plain"]]);
      return ["not found"];
  }
};

async function exchange(port: number, request: string, head = false): Promise<RawResponse> {
  const connection = await RawConnection.open(port);
  try {
    connection.send(request);
    return await connection.readResponse({ head });
  } finally {
    connection.close();
  }
}

/** Registers the response-framing cases for `target`. */
export function defineResponseFramingCases(target: ServerConformanceTarget): void {
  describe("response framing", () => {
    it("sends Content-Length for a body the app returns as a list", async () => {
      const server = await startTestServer(target, framingApp);
      const response = await exchange(server.port, "GET /list HTTP/1.1\r\nHost: a\r\n\r\n");
      expect(response.framing).toBe("content-length");
      expect(response.header("content-length")).toBe("12");
      expect(response.header("transfer-encoding")).toBeUndefined();
      expect(response.body.toString()).toBe("known length");
    });

    it("chunks a streamed body of unknown length on HTTP/1.1", async () => {
      const server = await startTestServer(target, framingApp);
      const response = await exchange(server.port, "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
      expect(response.framing).toBe("chunked");
      expect(response.header("content-length")).toBeUndefined();
      expect(response.body.toString()).toBe("one two three");
      expect(response.complete).toBe(true);
    });

    it("never chunks for HTTP/1.0: the body is delimited by Content-Length or by closing", async () => {
      const server = await startTestServer(target, framingApp);
      const response = await exchange(server.port, "GET /stream HTTP/1.0\r\nHost: a\r\n\r\n");
      expect(response.header("transfer-encoding")).toBeUndefined();
      expect(["content-length", "close"]).toContain(response.framing);
      expect(response.body.toString()).toBe("one two three");
    });

    it("keeps the app's own Content-Length for a streamed body", async () => {
      const server = await startTestServer(target, framingApp);
      const response = await exchange(server.port, "GET /declared HTTP/1.1\r\nHost: a\r\n\r\n");
      expect(response.framing).toBe("content-length");
      expect(response.header("content-length")).toBe("8");
      expect(response.body.toString()).toBe("declared");
    });

    it("sends an empty body with Content-Length: 0", async () => {
      const server = await startTestServer(target, framingApp);
      const response = await exchange(server.port, "GET /empty HTTP/1.1\r\nHost: a\r\n\r\n");
      expect(response.status).toBe(200);
      expect(response.header("content-length")).toBe("0");
      expect(response.body.length).toBe(0);
    });

    it("adds a Date header in IMF-fixdate form (RFC 9110 §6.6.1)", async () => {
      const server = await startTestServer(target, framingApp);
      const response = await exchange(server.port, "GET /list HTTP/1.1\r\nHost: a\r\n\r\n");
      expect(response.header("date")).toMatch(IMF_FIXDATE);
    });

    it("keeps repeated Set-Cookie fields separate", async () => {
      const server = await startTestServer(target, framingApp);
      const response = await exchange(server.port, "GET /cookies HTTP/1.1\r\nHost: a\r\n\r\n");
      expect(response.headers.filter(([name]) => name.toLowerCase() === "set-cookie").map(([, value]) => value)).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    });

    it("answers HEAD with GET's headers and no body, and the connection stays usable", async () => {
      const server = await startTestServer(target, framingApp);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("HEAD /list HTTP/1.1\r\nHost: a\r\n\r\n");
        const head = await connection.readResponse({ head: true });
        expect(head.status).toBe(200);
        expect(head.header("content-length")).toBe("12");
        expect(head.header("content-type")).toBe("text/plain");
        // A stray body after HEAD would be read as the start of the next response.
        connection.send("GET /list HTTP/1.1\r\nHost: a\r\n\r\n");
        const get = await connection.readResponse();
        expect(get.status).toBe(200);
        expect(get.body.toString()).toBe("known length");
      } finally {
        connection.close();
      }
    });

    it("sends HEAD of a streamed body without a body", async () => {
      const server = await startTestServer(target, framingApp);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("HEAD /stream HTTP/1.1\r\nHost: a\r\n\r\nGET /list HTTP/1.1\r\nHost: a\r\n\r\n");
        expect((await connection.readResponse({ head: true })).status).toBe(200);
        const get = await connection.readResponse();
        expect(get.body.toString()).toBe("known length");
      } finally {
        connection.close();
      }
    });

    it("sends no Content-Length in a 204 (RFC 9110 §8.6)", async () => {
      const server = await startTestServer(target, framingApp);
      const response = await exchange(server.port, "GET /no-content HTTP/1.1\r\nHost: a\r\n\r\n");
      expect(response.status).toBe(204);
      expect(response.header("content-length")).toBeUndefined();
    });

    for (const [path, status] of [
      ["/no-content", 204],
      ["/not-modified", 304],
    ] as const) {
      it(`sends ${status} without a body or Transfer-Encoding, and the connection stays usable`, async () => {
        const server = await startTestServer(target, framingApp);
        const connection = await RawConnection.open(server.port);
        try {
          connection.send(`GET ${path} HTTP/1.1\r\nHost: a\r\n\r\n`);
          const response = await connection.readResponse();
          expect(response.status).toBe(status);
          expect(response.header("transfer-encoding")).toBeUndefined();
          connection.send("GET /list HTTP/1.1\r\nHost: a\r\n\r\n");
          const next = await connection.readResponse();
          expect(next.status).toBe(200);
          expect(next.body.toString()).toBe("known length");
        } finally {
          connection.close();
        }
      });
    }
  });
}

