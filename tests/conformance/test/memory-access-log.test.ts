import type { AccessRecord } from "@patchbay/server-kit";
import { describe, expect, it } from "vitest";
import { MemoryAccessLog } from "../src/memory-access-log.js";

function record(target: string): AccessRecord {
  return {
    remoteAddress: "127.0.0.1",
    method: "GET",
    target,
    protocol: "HTTP/1.1",
    status: 200,
    bytesSent: 2,
    referer: undefined,
    userAgent: "test",
    startedAt: Date.UTC(2026, 10, 24, 19, 30, 0),
    durationMicros: 1500,
    requestHeader: () => undefined,
  };
}

describe("MemoryAccessLog", () => {
  it("keeps each record with its line in gunicorn's default format", () => {
    const accessLog = new MemoryAccessLog();
    accessLog.write(record("/a?b=1"));
    expect(accessLog.records.map((entry) => entry.target)).toEqual(["/a?b=1"]);
    expect(accessLog.lines[0]).toMatch(/^127\.0\.0\.1 - - \[.+\] "GET \/a\?b=1 HTTP\/1\.1" 200 2 "-" "test"$/);
  });

  it("formats with the format it was given", () => {
    const accessLog = new MemoryAccessLog("%(s)s %(D)s");
    accessLog.write(record("/"));
    expect(accessLog.lines).toEqual(["200 1500"]);
  });

  it("waitFor resolves once enough records arrived, and fails with a count when they do not", async () => {
    const accessLog = new MemoryAccessLog();
    setTimeout(() => accessLog.write(record("/late")), 10);
    await accessLog.waitFor(1);
    expect(accessLog.records).toHaveLength(1);
    await expect(accessLog.waitFor(2, 30)).rejects.toThrow("expected 2 access log records within 30 ms, got 1");
  });

  it("counts reopen() calls", () => {
    const accessLog = new MemoryAccessLog();
    accessLog.reopen();
    expect(accessLog.reopened).toBe(1);
  });
});
