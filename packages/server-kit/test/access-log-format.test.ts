import { describe, expect, it } from "vitest";
import { compileAccessLogFormat, DEFAULT_ACCESS_LOG_FORMAT } from "../src/access-log-format.js";
import type { AccessRecord } from "../src/server-types.js";

function record(overrides: Partial<Omit<AccessRecord, "requestHeader">> = {}, headers: Record<string, string> = {}): AccessRecord {
  return {
    remoteAddress: "192.0.2.7",
    method: "GET",
    target: "/search?q=patch%20bay",
    protocol: "HTTP/1.1",
    status: 200,
    bytesSent: 1234,
    referer: "http://example.test/",
    userAgent: "curl/8.0",
    startedAt: Date.UTC(2026, 10, 24, 19, 30, 0),
    durationMicros: 2_345_678,
    requestHeader: (name) => headers[name],
    ...overrides,
  };
}

function format(pattern: string, entry: AccessRecord = record()): string {
  return compileAccessLogFormat(pattern)(entry);
}

describe("compileAccessLogFormat", () => {
  it("defaults to the Apache combined format", () => {
    expect(DEFAULT_ACCESS_LOG_FORMAT).toBe('%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"');
    const line = compileAccessLogFormat()(record());
    expect(line).toMatch(/^192\.0\.2\.7 - - \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "GET \/search\?q=patch%20bay HTTP\/1\.1" 200 1234 "http:\/\/example\.test\/" "curl\/8\.0"$/);
  });

  it("formats the request atoms h l r m U q H", () => {
    expect(format("%(h)s|%(l)s|%(r)s|%(m)s|%(U)s|%(q)s|%(H)s")).toBe("192.0.2.7|-|GET /search?q=patch%20bay HTTP/1.1|GET|/search|q=patch%20bay|HTTP/1.1");
    expect(format("%(U)s|%(q)s", record({ target: "/plain" }))).toBe("/plain|");
  });

  it("formats status and sizes s B b, '-' for an empty body in b", () => {
    expect(format("%(s)s %(B)s %(b)s")).toBe("200 1234 1234");
    expect(format("%(s)s %(B)s %(b)s", record({ status: 304, bytesSent: 0 }))).toBe("304 0 -");
  });

  it("formats referer and user agent f a, '-' when absent", () => {
    expect(format("%(f)s %(a)s")).toBe("http://example.test/ curl/8.0");
    expect(format("%(f)s %(a)s", record({ referer: undefined, userAgent: "" }))).toBe("- -");
  });

  it("formats durations T (s), M (ms), D (µs), L (decimal s)", () => {
    expect(format("%(T)s %(M)s %(D)s %(L)s")).toBe("2 2345 2345678 2.345678");
  });

  it("formats the time t in Common Log Format", () => {
    const offset = -new Date(Date.UTC(2026, 10, 24, 19, 30, 0)).getTimezoneOffset();
    const line = format("%(t)s");
    expect(line).toMatch(/^\[\d{2}\/Nov\/2026:\d{2}:\d{2}:00 [+-]\d{4}\]$/);
    const sign = offset < 0 ? "-" : "+";
    const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
    const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
    expect(line.endsWith(` ${sign}${hours}${minutes}]`)).toBe(true);
  });

  it("formats the process id p", () => {
    expect(format("%(p)s")).toBe(`<${process.pid}>`);
  });

  it("reads the user name u from Basic credentials", () => {
    const credentials = Buffer.from("aladdin:open sesame").toString("base64");
    expect(format("%(u)s", record({}, { authorization: `Basic ${credentials}` }))).toBe("aladdin");
    expect(format("%(u)s", record({}, { authorization: "Bearer token" }))).toBe("-");
    expect(format("%(u)s")).toBe("-");
  });

  it("formats request headers {name}i (any case), environment {NAME}e, response headers {name}o as '-'", () => {
    process.env.PATCHBAY_ACCESS_LOG_TEST = "from-env";
    try {
      const entry = record({}, { "x-request-id": "abc-123" });
      expect(format("%({X-Request-Id}i)s %({x-missing}i)s", entry)).toBe("abc-123 -");
      expect(format("%({PATCHBAY_ACCESS_LOG_TEST}e)s %({PATCHBAY_UNSET_VARIABLE}e)s")).toBe("from-env -");
      expect(format("%({content-type}o)s")).toBe("-");
    } finally {
      delete process.env.PATCHBAY_ACCESS_LOG_TEST;
    }
  });

  it("keeps literal text and %% around variables", () => {
    expect(format('start %% "%(s)s" 100%% end')).toBe('start % "200" 100% end');
    expect(format("no variables")).toBe("no variables");
  });

  it("refuses an unknown variable when compiled, not per request", () => {
    expect(() => compileAccessLogFormat("%(h)s %(zz)s")).toThrow("access log format: unknown variable %(zz)s");
    expect(() => compileAccessLogFormat("%({x}z)s")).toThrow(/unknown variable %\(\{x\}z\)s/);
  });
});
