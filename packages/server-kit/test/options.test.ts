import { describe, expect, it } from "vitest";
import { GatewayError } from "@patchbay/gateway";
import { DEFAULT_HOST, DEFAULT_LIMITS, DEFAULT_PORT, DEFAULT_TIMEOUTS, resolveServerOptions } from "../src/options.js";
import type { Logger, ServerOptionsInput } from "../src/server-types.js";

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

function invalidMessage(input: unknown): string {
  const error = thrownBy(() => resolveServerOptions(input as ServerOptionsInput));
  expect(GatewayError.isGatewayError(error)).toBe(true);
  expect((error as GatewayError).code).toBe("ERR_KIT_INVALID_OPTION");
  return (error as Error).message;
}

describe("resolveServerOptions", () => {
  it("fills every default", () => {
    const options = resolveServerOptions();
    expect(options.bind).toEqual([{ host: DEFAULT_HOST, port: DEFAULT_PORT }]);
    expect(options.bind).toEqual([{ host: "127.0.0.1", port: 8000 }]);
    expect(options.root).toBeUndefined();
    expect(options.static).toEqual([]);
    expect(options.staticCacheControl).toBeUndefined();
    expect(options.limits).toEqual(DEFAULT_LIMITS);
    expect(options.limits.maxRequestLineBytes).toBe(8190);
    expect(options.timeouts).toEqual(DEFAULT_TIMEOUTS);
    expect(options.environ).toEqual({});
    expect(options.logger.level).toBe("info");
    expect(options.accessLog).toBeNull();
    expect(options.signal).toBeUndefined();
    expect(options.multiprocess).toBe(false);
  });

  it("takes host/port as a shorthand for one bind", () => {
    expect(resolveServerOptions({ port: 0 }).bind).toEqual([{ host: "127.0.0.1", port: 0 }]);
    expect(resolveServerOptions({ host: "::1", port: 9000 }).bind).toEqual([{ host: "::1", port: 9000 }]);
  });

  it("keeps several binds, TCP and unix", () => {
    const bind = [{ host: "127.0.0.1", port: 0 }, { path: "/tmp/x.sock" }];
    expect(resolveServerOptions({ bind }).bind).toEqual(bind);
  });

  it("merges partial limits and timeouts with the defaults", () => {
    const options = resolveServerOptions({ limits: { maxBodyBytes: 10 }, timeouts: { keepAliveMs: 0 } });
    expect(options.limits).toEqual({ ...DEFAULT_LIMITS, maxBodyBytes: 10 });
    expect(options.timeouts).toEqual({ ...DEFAULT_TIMEOUTS, keepAliveMs: 0 });
  });

  it("strips a trailing slash from static prefixes and copies the environ", () => {
    const environ = { A: "1" };
    const options = resolveServerOptions({ static: [{ prefix: "/assets/", directory: "public" }, { prefix: "/", directory: "." }], environ });
    expect(options.static).toEqual([
      { prefix: "/assets", directory: "public" },
      { prefix: "/", directory: "." },
    ]);
    expect(options.environ).toEqual({ A: "1" });
    expect(options.environ).not.toBe(environ);
  });

  it("keeps a given logger, access log and signal", () => {
    const logger: Logger = { level: "debug", debug() {}, info() {}, warning() {}, error() {} };
    const accessLog = { write() {}, reopen() {} };
    const controller = new AbortController();
    const options = resolveServerOptions({ logger, accessLog, signal: controller.signal, multiprocess: true });
    expect(options.logger).toBe(logger);
    expect(options.accessLog).toBe(accessLog);
    expect(options.signal).toBe(controller.signal);
    expect(options.multiprocess).toBe(true);
  });

  it("refuses bad values with a message naming the option", () => {
    expect(invalidMessage(null)).toBe("options must be an object");
    expect(invalidMessage({ bind: [] })).toMatch(/^bind must be a non-empty array/);
    expect(invalidMessage({ bind: [{ host: "a", port: 1 }], port: 2 })).toMatch(/either bind or host\/port/);
    expect(invalidMessage({ port: 70000 })).toBe("bind[0].port must be an integer from 0 to 65535, got 70000");
    expect(invalidMessage({ port: "80" })).toBe('bind[0].port must be an integer from 0 to 65535, got "80"');
    expect(invalidMessage({ host: "" })).toMatch(/^bind\[0\]\.host/);
    expect(invalidMessage({ bind: [{ path: "" }] })).toMatch(/^bind\[0\]\.path/);
    expect(invalidMessage({ bind: [null] })).toMatch(/^bind\[0\] must be/);
    expect(invalidMessage({ root: "" })).toMatch(/^root/);
    expect(invalidMessage({ static: [{ prefix: "assets", directory: "x" }] })).toMatch(/^static\[0\]\.prefix must start with "\/"/);
    expect(invalidMessage({ static: [{ prefix: "/a", directory: "" }] })).toMatch(/^static\[0\]\.directory/);
    expect(invalidMessage({ staticCacheControl: "a\r\nb" })).toMatch(/^staticCacheControl/);
    expect(invalidMessage({ limits: { maxBodyBytes: 0 } })).toBe("limits.maxBodyBytes must be a positive integer, got 0");
    expect(invalidMessage({ limits: { maxHeaderCount: 1.5 } })).toMatch(/^limits\.maxHeaderCount/);
    expect(invalidMessage({ limits: { maxConnections: {} } })).toBe("limits.maxConnections must be a positive integer, got an object");
    expect(invalidMessage({ timeouts: { keepAliveMs: -1 } })).toMatch(/^timeouts\.keepAliveMs must be a number of milliseconds/);
    expect(invalidMessage({ timeouts: { headersMs: 5000, requestMs: 1000 } })).toMatch(/must not exceed timeouts\.requestMs/);
    expect(invalidMessage({ environ: { A: 1 } })).toMatch(/^environ\["A"\] must be a string/);
    expect(invalidMessage({ environ: { "": "x" } })).toMatch(/keys must not be empty/);
    expect(invalidMessage({ logger: {} })).toMatch(/^logger must have/);
    expect(invalidMessage({ accessLog: { write() {} } })).toMatch(/^accessLog must have/);
    expect(invalidMessage({ signal: {} })).toBe("signal must be an AbortSignal");
    expect(invalidMessage({ multiprocess: "yes" })).toBe("multiprocess must be a boolean");
  });

  it("allows headersMs above requestMs when requestMs is 0 (no request timeout)", () => {
    expect(resolveServerOptions({ timeouts: { headersMs: 5000, requestMs: 0 } }).timeouts.headersMs).toBe(5000);
  });
});
