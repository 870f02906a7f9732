/** Conformance cases: one access-log record per finished request, with what gunicorn's format variables need. */
import { describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { MemoryAccessLog } from "./memory-access-log.js";
import { startTestServer } from "./test-server.js";

const loggedApp: Application = (environ, startResponse) => {
  if (environ.PATH_INFO === "/fail") throw new Error("conformance: access log of a failure");
  startResponse("201 Created", [["Content-Type", "text/plain"]]);
  return ["12345"];
};

/** Registers the access-log cases for `target`. */
export function defineAccessLogCases(target: ServerConformanceTarget): void {
  describe("access log", () => {
    it("writes one record per request with method, raw target, protocol, status, bytes, client and headers", async () => {
      const accessLog = new MemoryAccessLog();
      const server = await startTestServer(target, loggedApp, { accessLog });
      const before = Date.now();
      const response = await fetch(server.url("/items/a%20b?page=2"), {
        method: "POST",
        body: "x",
        headers: { Referer: "http://example.test/from", "User-Agent": "conformance/1.0", "X-Request-Id": "abc-123" },
      });
      expect(await response.text()).toBe("12345");
      await accessLog.waitFor(1);
      expect(accessLog.records).toHaveLength(1);
      const record = accessLog.records[0];
      expect(record).toMatchObject({
        remoteAddress: "127.0.0.1",
        method: "POST",
        target: "/items/a%20b?page=2",
        protocol: "HTTP/1.1",
        status: 201,
        bytesSent: 5,
        referer: "http://example.test/from",
        userAgent: "conformance/1.0",
      });
      expect(record?.requestHeader("x-request-id")).toBe("abc-123");
      expect(record?.requestHeader("X-Request-Id")).toBe("abc-123");
      expect(record?.startedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(record?.startedAt).toBeLessThanOrEqual(Date.now());
      expect(record?.durationMicros).toBeGreaterThanOrEqual(0);
      expect(accessLog.lines[0]).toContain('"POST /items/a%20b?page=2 HTTP/1.1" 201 5 "http://example.test/from" "conformance/1.0"');
    });

    it("logs a failed request with status 500", async () => {
      const accessLog = new MemoryAccessLog();
      const server = await startTestServer(target, loggedApp, { accessLog });
      expect((await fetch(server.url("/fail"))).status).toBe(500);
      await accessLog.waitFor(1);
      expect(accessLog.records[0]).toMatchObject({ method: "GET", target: "/fail", status: 500 });
    });

    it("logs a HEAD request with no body bytes", async () => {
      const accessLog = new MemoryAccessLog();
      const server = await startTestServer(target, loggedApp, { accessLog });
      expect((await fetch(server.url("/head"), { method: "HEAD" })).status).toBe(201);
      await accessLog.waitFor(1);
      expect(accessLog.records[0]).toMatchObject({ method: "HEAD", status: 201, bytesSent: 0 });
    });

    it("logs every request on a keep-alive connection, in order", async () => {
      const accessLog = new MemoryAccessLog();
      const server = await startTestServer(target, loggedApp, { accessLog });
      for (const path of ["/one", "/two", "/three"]) await (await fetch(server.url(path))).text();
      await accessLog.waitFor(3);
      expect(accessLog.records.map((record) => record.target)).toEqual(["/one", "/two", "/three"]);
    });
  });
}
