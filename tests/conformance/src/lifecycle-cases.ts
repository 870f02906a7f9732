/**
 * Conformance cases: the shared Server surface (server-kit's server-types.ts): several binds, unix sockets,
 * resolved addresses, listen errors, close() and destroy() semantics.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { createDeferred } from "./deferred.js";
import { MemoryLogger } from "./memory-logger.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

const whereApp: Application = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [`${environ.SERVER_PORT} ${environ.PATH_INFO}`];
};

/** Registers the server-lifecycle cases for `target`. */
export function defineLifecycleCases(target: ServerConformanceTarget): void {
  describe("server lifecycle", () => {
    it("listens on every bind, reports each with its resolved port, and answers on each", async () => {
      const server = await startTestServer(target, whereApp, {
        bind: [
          { host: "127.0.0.1", port: 0 },
          { host: "127.0.0.1", port: 0 },
        ],
      });
      const addresses = server.server.addresses;
      expect(addresses).toHaveLength(2);
      const ports = addresses.map((address) => ("port" in address ? address.port : 0));
      expect(ports.every((port) => port > 0)).toBe(true);
      expect(new Set(ports).size).toBe(2);
      for (const address of addresses) {
        expect(address.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const port = "port" in address ? address.port : 0;
        expect(await (await fetch(`${address.url}/here`)).text()).toBe(`${port} /here`);
      }
    });

    it("listens on a unix socket and answers there", async () => {
      const directory = await mkdtemp(join(tmpdir(), "patchbay-conformance-unix-"));
      try {
        const path = join(directory, "server.sock");
        const server = await startTestServer(target, whereApp, { bind: [{ host: "127.0.0.1", port: 0 }, { path }] });
        expect(server.server.addresses.some((address) => "path" in address && address.path === path)).toBe(true);
        const connection = await RawConnection.openPath(path);
        try {
          connection.send("GET /unix HTTP/1.1\r\nHost: localhost\r\n\r\n");
          const response = await connection.readResponse();
          expect(response.status).toBe(200);
          expect(response.body.toString()).toMatch(/ \/unix$/);
        } finally {
          connection.close();
        }
        await server.server.close();
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });

    it("rejects listen() on a port already in use", async () => {
      const blocker = createNetServer();
      await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
      try {
        const address = blocker.address();
        const port = typeof address === "object" && address !== null ? address.port : 0;
        const server = target.createServer(whereApp, { bind: [{ host: "127.0.0.1", port }], logger: new MemoryLogger() });
        await expect(server.listen()).rejects.toThrow(/EADDRINUSE|in use/i);
        await server.destroy();
      } finally {
        await new Promise<void>((resolve) => blocker.close(() => resolve()));
      }
    });

    it("close() can be called twice and stops the server once", async () => {
      const server = await startTestServer(target, whereApp);
      await Promise.all([server.server.close(), server.server.close()]);
      await expect(fetch(server.url("/"))).rejects.toThrow("fetch failed");
    });

    it("destroy() closes a connection with a request in flight at once", async () => {
      const entered = createDeferred();
      const never = createDeferred();
      const app: Application = async (_environ, startResponse) => {
        entered.resolve();
        await never.promise;
        startResponse("200 OK", []);
        return ["late"];
      };
      const server = await startTestServer(target, app, { timeouts: { gracefulMs: 60_000 } });
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /stuck HTTP/1.1\r\nHost: a\r\n\r\n");
        await entered.promise;
        await server.server.destroy();
        await connection.waitForClose();
        expect(connection.pending.length).toBe(0);
      } finally {
        never.resolve();
        connection.close();
      }
    });
  });
}
