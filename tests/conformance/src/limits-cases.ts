/**
 * Conformance cases: request limits and timeouts from the shared options. Each limit answers with the
 * status RFC 9110/9112 gives it and the server goes on; timeouts close connections that idle or stall.
 */
import { describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

/** Reads the whole body and answers its length; answers the path when there is none. */
const readingApp: Application = async (environ, startResponse) => {
  let length = 0;
  for (;;) {
    const chunk = await environ["gateway.input"].read(65536);
    if (chunk.length === 0) break;
    length += chunk.length;
  }
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [`${environ.PATH_INFO} ${length}`];
};

async function exchange(port: number, request: string): Promise<{ status: number; closed: boolean }> {
  const connection = await RawConnection.open(port);
  try {
    connection.send(request);
    const response = await connection.readResponse();
    return { status: response.status, closed: connection.closed };
  } finally {
    connection.close();
  }
}

/** Registers the limits and timeouts cases for `target`. */
export function defineLimitsCases(target: ServerConformanceTarget): void {
  describe("limits and timeouts", () => {
    it("answers 414 to a request line over limits.maxRequestLineBytes, and goes on", async () => {
      const server = await startTestServer(target, readingApp, { limits: { maxRequestLineBytes: 100 } });
      expect((await exchange(server.port, `GET /${"a".repeat(200)} HTTP/1.1\r\nHost: a\r\n\r\n`)).status).toBe(414);
      expect(await (await fetch(server.url("/short"))).text()).toBe("/short 0");
    });

    it("answers 431 to more header fields than limits.maxHeaderCount (RFC 6585 §5)", async () => {
      const server = await startTestServer(target, readingApp, { limits: { maxHeaderCount: 10 } });
      const fields = Array.from({ length: 20 }, (_, index) => `X-Field-${index}: ${index}\r\n`).join("");
      expect((await exchange(server.port, `GET / HTTP/1.1\r\nHost: a\r\n${fields}\r\n`)).status).toBe(431);
      expect((await fetch(server.url("/after"))).status).toBe(200);
    });

    it("answers 431 to a header section over limits.maxHeaderBytes", async () => {
      const server = await startTestServer(target, readingApp, { limits: { maxHeaderBytes: 2048 } });
      expect((await exchange(server.port, `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${"b".repeat(4096)}\r\n\r\n`)).status).toBe(431);
      expect((await fetch(server.url("/after"))).status).toBe(200);
    });

    it("answers 413 to a Content-Length over limits.maxBodyBytes without waiting for the body", async () => {
      const server = await startTestServer(target, readingApp, { limits: { maxBodyBytes: 100 } });
      // Only the head is sent: a server that waited for the body would never answer.
      expect((await exchange(server.port, "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n")).status).toBe(413);
      expect(await (await fetch(server.url("/small"), { method: "POST", body: "x".repeat(100) })).text()).toBe("/small 100");
    });

    it("answers 413 to a chunked body that grows over limits.maxBodyBytes, and closes that connection", async () => {
      const server = await startTestServer(target, readingApp, { limits: { maxBodyBytes: 100 } });
      const connection = await RawConnection.open(server.port);
      try {
        const chunk = "x".repeat(80);
        connection.send(`POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n${chunk}\r\n50\r\n${chunk}\r\n50\r\n${chunk}\r\n0\r\n\r\n`);
        expect((await connection.readResponse()).status).toBe(413);
        // The rest of the body is still on the wire: the connection must not be read for another request.
        await connection.waitForClose();
      } finally {
        connection.close();
      }
    });

    it("refuses a connection over limits.maxConnections (closed unanswered, or 503), and serves again once one leaves", async () => {
      const server = await startTestServer(target, readingApp, { limits: { maxConnections: 2 } });
      const first = await RawConnection.open(server.port);
      const second = await RawConnection.open(server.port);
      try {
        for (const connection of [first, second]) {
          connection.send("GET /held HTTP/1.1\r\nHost: a\r\n\r\n");
          expect((await connection.readResponse()).status).toBe(200);
        }
        const third = await RawConnection.open(server.port);
        try {
          third.send("GET /third HTTP/1.1\r\nHost: a\r\n\r\n");
          const outcome = await third.readResponse().then(
            (response) => response.status,
            () => "closed",
          );
          expect([503, "closed"]).toContain(outcome);
        } finally {
          third.close();
        }
        first.close();
        // The server learns of the close asynchronously: retry (bounded) until a new connection is served.
        let served = "";
        for (let attempt = 0; attempt < 50 && served !== "/again 0"; attempt++) {
          const again = await RawConnection.open(server.port);
          again.send("GET /again HTTP/1.1\r\nHost: a\r\n\r\n");
          served = await again.readResponse().then(
            (response) => response.body.toString(),
            () => "",
          );
          again.close();
          if (served !== "/again 0") await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(served).toBe("/again 0");
      } finally {
        first.close();
        second.close();
      }
    });

    it("closes a connection whose request body does not arrive within timeouts.requestMs (408 at most)", async () => {
      const server = await startTestServer(target, readingApp, { timeouts: { headersMs: 300, requestMs: 600 } });
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("POST /stalled HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nab");
        await connection.waitForClose();
        const received = connection.pending.toString("latin1");
        expect(received === "" || received.startsWith("HTTP/1.1 408 ")).toBe(true);
      } finally {
        connection.close();
      }
    });

    it("closes a keep-alive connection idle longer than timeouts.keepAliveMs", async () => {
      const server = await startTestServer(target, readingApp, { timeouts: { keepAliveMs: 200 } });
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /once HTTP/1.1\r\nHost: a\r\n\r\n");
        expect((await connection.readResponse()).body.toString()).toBe("/once 0");
        await connection.waitForClose();
        expect(connection.closed).toBe(true);
      } finally {
        connection.close();
      }
    });

    it("closes a connection whose request head does not arrive within timeouts.headersMs (408 at most)", async () => {
      const server = await startTestServer(target, readingApp, { timeouts: { headersMs: 300 } });
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /slow HTTP/1.1\r\nHost: a\r\n");
        await connection.waitForClose();
        const received = connection.pending.toString("latin1");
        expect(received === "" || received.startsWith("HTTP/1.1 408 ")).toBe(true);
      } finally {
        connection.close();
      }
    });
  });
}
