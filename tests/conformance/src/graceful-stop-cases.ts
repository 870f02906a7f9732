/**
 * Conformance cases: Server.close() stops gracefully (stop accepting, close idle keep-alive connections
 * at once, let in-flight requests finish, force after the grace period) and options.signal triggers it.
 */
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { createDeferred } from "./deferred.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

/** A grace period no case waits for: a close() that still resolves proves it did not wait it out. */
const LONG_GRACE_MS = 60_000;

/** Resolves with the error code of a connection attempt ("connected" if it was accepted). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** How long a stopping server may take to stop accepting (a cluster's primary tells its workers first). */
const STOP_ACCEPTING_WITHIN_MS = 2000;

/** Tries to connect until refused, for at most STOP_ACCEPTING_WITHIN_MS; resolves with the last outcome. */
async function refusedSoon(port: number): Promise<string> {
  const deadline = Date.now() + STOP_ACCEPTING_WITHIN_MS;
  let outcome = await tryConnect(port);
  while (outcome === "connected" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    outcome = await tryConnect(port);
  }
  return outcome;
}

/** An app that holds every request at `/slow` until the gate opens. */
function gatedApp(entered: () => void, gate: Promise<void>): Application {
  return async (environ, startResponse) => {
    if (environ.PATH_INFO === "/slow") {
      entered();
      await gate;
    }
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [`done ${environ.PATH_INFO}`];
  };
}

/** Registers the graceful-stop cases for `target`. */
export function defineGracefulStopCases(target: ServerConformanceTarget): void {
  describe("graceful stop", () => {
    it("lets an in-flight request finish, refuses new connections, and resolves close() after it", async () => {
      const entered = createDeferred();
      const gate = createDeferred();
      const server = await startTestServer(target, gatedApp(entered.resolve, gate.promise), { timeouts: { gracefulMs: LONG_GRACE_MS } });
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
        await entered.promise;
        let closed = false;
        const closing = server.server.close().then(() => {
          closed = true;
        });
        expect(await refusedSoon(server.port)).toBe("ECONNREFUSED");
        expect(closed).toBe(false);
        gate.resolve();
        const response = await connection.readResponse();
        expect(response.status).toBe(200);
        expect(response.complete).toBe(true);
        expect(response.body.toString()).toBe("done /slow");
        // The response of a stopping server tells the client not to reuse the connection (RFC 9112 §9.6).
        expect(response.header("connection")?.toLowerCase()).toBe("close");
        await closing;
        expect(closed).toBe(true);
        await connection.waitForClose();
      } finally {
        connection.close();
      }
    });

    for (const [protocol, connectionHeader] of [
      ["HTTP/1.1", ""],
      ["HTTP/1.0", "Connection: keep-alive\r\n"],
    ] as const) {
      it(`does not promise keep-alive to an ${protocol} request in flight when the stop began, and closes after it`, async () => {
        const entered = createDeferred();
        const gate = createDeferred();
        const server = await startTestServer(target, gatedApp(entered.resolve, gate.promise), { timeouts: { gracefulMs: LONG_GRACE_MS } });
        const connection = await RawConnection.open(server.port);
        try {
          connection.send(`GET /slow ${protocol}\r\nHost: a\r\n${connectionHeader}\r\n`);
          await entered.promise;
          const closing = server.server.close();
          // Released at once: the response goes out while the stop is under way, whatever stage it is at.
          gate.resolve();
          const response = await connection.readResponse();
          expect(response.body.toString()).toBe("done /slow");
          // HTTP/1.1 persists unless "close" is said; HTTP/1.0 only when "keep-alive" is (RFC 9112 §9.3).
          expect(response.header("connection")?.toLowerCase() ?? (protocol === "HTTP/1.1" ? "persistent" : "close")).toBe("close");
          await connection.waitForClose();
          await closing;
        } finally {
          connection.close();
        }
      });
    }

    it("closes idle keep-alive connections at once instead of waiting out the grace period", async () => {
      const server = await startTestServer(target, gatedApp(() => {}, Promise.resolve()), { timeouts: { gracefulMs: LONG_GRACE_MS } });
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /fast HTTP/1.1\r\nHost: a\r\n\r\n");
        expect((await connection.readResponse()).body.toString()).toBe("done /fast");
        // The test's own timeout (far below LONG_GRACE_MS) fails this if the server waits for the idle connection.
        await server.server.close();
        await connection.waitForClose();
        expect(connection.closed).toBe(true);
      } finally {
        connection.close();
      }
    });

    it("force-closes a request still running when the grace period ends", async () => {
      const entered = createDeferred();
      const never = createDeferred();
      const server = await startTestServer(target, gatedApp(entered.resolve, never.promise), { timeouts: { gracefulMs: 200 } });
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
        await entered.promise;
        await server.server.close();
        await connection.waitForClose();
        expect(connection.pending.toString("latin1")).not.toContain("done /slow");
      } finally {
        never.resolve();
        connection.close();
      }
    });

    it("stops gracefully when options.signal aborts", async () => {
      const controller = new AbortController();
      const server = await startTestServer(target, gatedApp(() => {}, Promise.resolve()), { signal: controller.signal });
      expect((await fetch(server.url("/before"))).status).toBe(200);
      controller.abort();
      // close() after the signal joins the same stop; both settle once the server is down.
      await server.server.close();
      expect(await refusedSoon(server.port)).toBe("ECONNREFUSED");
    });
  });
}
