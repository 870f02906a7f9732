import { createEmptyInputStream, createEnviron, type ResponseOutcome } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { EnvironAccessRecord } from "../src/environ-access-record.js";

function environWith(rawHeaders: string[]) {
  return createEnviron({
    method: "POST",
    target: "/form?step=2",
    protocol: "HTTP/1.0",
    rawHeaders,
    remoteAddress: "192.0.2.1",
    remotePort: 50000,
    serverName: "127.0.0.1",
    serverPort: 8000,
    input: createEmptyInputStream(),
  });
}

const OUTCOME: ResponseOutcome = { status: 201, bytesSent: 17, keepAlive: false, aborted: false };

describe("EnvironAccessRecord", () => {
  it("reads the record from the environ and the writer's outcome", () => {
    const record = new EnvironAccessRecord(environWith(["Referer", "http://ref.test/", "User-Agent", "ua/1"]), OUTCOME, 1000, 1001.234);
    expect({
      remoteAddress: record.remoteAddress,
      method: record.method,
      target: record.target,
      protocol: record.protocol,
      status: record.status,
      bytesSent: record.bytesSent,
      referer: record.referer,
      userAgent: record.userAgent,
    }).toEqual({
      remoteAddress: "192.0.2.1",
      method: "POST",
      target: "/form?step=2",
      protocol: "HTTP/1.0",
      status: 201,
      bytesSent: 17,
      referer: "http://ref.test/",
      userAgent: "ua/1",
    });
  });

  it("stamps the start on the wall clock (never after now) and gives the duration in microseconds", () => {
    const before = Date.now();
    const record = new EnvironAccessRecord(environWith([]), OUTCOME, 1000, 1001.25);
    const after = Date.now();
    expect(record.startedAt).toBeGreaterThanOrEqual(before - 1.25);
    expect(record.startedAt).toBeLessThanOrEqual(after - 1.25);
    expect(record.durationMicros).toBeCloseTo(1250, 6);
  });

  it("finds request headers by any case, repeated fields joined, Content-Type included", () => {
    const record = new EnvironAccessRecord(environWith(["X-Trace", "a", "x-trace", "b", "Content-Type", "text/plain"]), OUTCOME, 0, 0);
    expect(record.requestHeader("x-trace")).toBe("a, b");
    expect(record.requestHeader("X-TRACE")).toBe("a, b");
    expect(record.requestHeader("content-type")).toBe("text/plain");
    expect(record.requestHeader("x-absent")).toBeUndefined();
    expect(record.referer).toBeUndefined();
    expect(record.userAgent).toBeUndefined();
  });
});
