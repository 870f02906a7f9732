import { createEmptyInputStream, createEnviron, type ResponseOutcome } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { AccessEntry } from "../src/access-entry.js";

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

describe("AccessEntry", () => {
  it("reads the record from the environ and the writer's outcome", () => {
    const entry = new AccessEntry(environWith(["Referer", "http://ref.test/", "User-Agent", "ua/1"]), OUTCOME, 1_700_000_000_000, 1234);
    expect({
      remoteAddress: entry.remoteAddress,
      method: entry.method,
      target: entry.target,
      protocol: entry.protocol,
      status: entry.status,
      bytesSent: entry.bytesSent,
      startedAt: entry.startedAt,
      durationMicros: entry.durationMicros,
      referer: entry.referer,
      userAgent: entry.userAgent,
    }).toEqual({
      remoteAddress: "192.0.2.1",
      method: "POST",
      target: "/form?step=2",
      protocol: "HTTP/1.0",
      status: 201,
      bytesSent: 17,
      startedAt: 1_700_000_000_000,
      durationMicros: 1234,
      referer: "http://ref.test/",
      userAgent: "ua/1",
    });
  });

  it("finds request headers by any case, repeated fields joined, Content-Type included", () => {
    const entry = new AccessEntry(environWith(["X-Trace", "a", "x-trace", "b", "Content-Type", "text/plain"]), OUTCOME, 0, 0);
    expect(entry.requestHeader("x-trace")).toBe("a, b");
    expect(entry.requestHeader("X-TRACE")).toBe("a, b");
    expect(entry.requestHeader("content-type")).toBe("text/plain");
    expect(entry.requestHeader("x-absent")).toBeUndefined();
    expect(entry.referer).toBeUndefined();
    expect(entry.userAgent).toBeUndefined();
  });
});
