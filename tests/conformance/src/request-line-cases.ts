/**
 * Conformance cases: request targets and malformed requests (RFC 9112 §3, §5, §6): asterisk-form and
 * absolute-form targets, 400 for what a server must refuse, 505 for another HTTP version, and response
 * headers an app cannot use to split the response.
 */
import { describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

const targetApp: Application = (environ, startResponse) => {
  if (environ.PATH_INFO === "/split") {
    startResponse("200 OK", [["X-Split", "a\r\nSet-Cookie: injected=1"]]);
    return ["should not be sent"];
  }
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [JSON.stringify({ method: environ.REQUEST_METHOD, path: environ.PATH_INFO, query: environ.QUERY_STRING, uri: environ.REQUEST_URI, host: environ.HTTP_HOST ?? null })];
};

/** Sends one request on a fresh connection; resolves with the status and the parsed JSON body when there is one. */
async function exchange(port: number, request: string): Promise<{ status: number; json: Record<string, unknown> | null; headers: [string, string][] }> {
  const connection = await RawConnection.open(port);
  try {
    connection.send(request);
    const response = await connection.readResponse();
    const text = response.body.toString("utf8");
    return { status: response.status, json: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : null, headers: response.headers };
  } finally {
    connection.close();
  }
}

/** Registers the request-line cases for `target`. */
export function defineRequestLineCases(target: ServerConformanceTarget): void {
  describe("request line and malformed requests", () => {
    it("passes OPTIONS * with PATH_INFO and REQUEST_URI '*' (RFC 9112 §3.2.4)", async () => {
      const server = await startTestServer(target, targetApp);
      const { status, json } = await exchange(server.port, "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");
      expect(status).toBe(200);
      expect(json).toMatchObject({ method: "OPTIONS", path: "*", uri: "*" });
    });

    it("takes the path of an absolute-form target (RFC 9112 §3.2.2) and keeps REQUEST_URI raw", async () => {
      const server = await startTestServer(target, targetApp);
      const { status, json } = await exchange(server.port, "GET http://example.test/abs/p%20x?y=1 HTTP/1.1\r\nHost: example.test\r\n\r\n");
      expect(status).toBe(200);
      expect(json).toMatchObject({ path: "/abs/p x", query: "y=1", uri: "http://example.test/abs/p%20x?y=1", host: "example.test" });
    });

    for (const [name, request] of [
      ["an HTTP/1.1 request without Host (RFC 9112 §3.2)", "GET / HTTP/1.1\r\n\r\n"],
      ["a request line that is not one", "garbage\r\n\r\n"],
      ["a space inside the target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n"],
      ["whitespace between a field name and its colon (RFC 9112 §5.1)", "GET / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n"],
      ["both Transfer-Encoding and Content-Length (RFC 9112 §6.1)", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"],
    ] as const) {
      it(`answers 400 to ${name}, never reaching the app, and goes on`, async () => {
        const server = await startTestServer(target, targetApp);
        const { status, json } = await exchange(server.port, request);
        expect(status).toBe(400);
        expect(json).toBeNull();
        expect((await fetch(server.url("/after"))).status).toBe(200);
      });
    }

    it("answers 505 to a request for another major HTTP version (RFC 9110 §15.6.6)", async () => {
      const server = await startTestServer(target, targetApp);
      const { status, json } = await exchange(server.port, "GET / HTTP/2.0\r\nHost: a\r\n\r\n");
      expect(status).toBe(505);
      expect(json).toBeNull();
    });

    it("never lets a response header value with CR LF split the response: 500 instead", async () => {
      const server = await startTestServer(target, targetApp);
      const { status, headers } = await exchange(server.port, "GET /split HTTP/1.1\r\nHost: a\r\n\r\n");
      expect(status).toBe(500);
      expect(headers.some(([name]) => name.toLowerCase() === "set-cookie" || name.toLowerCase() === "x-split")).toBe(false);
    });
  });
}
