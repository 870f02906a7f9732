import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { DEFAULT_WORKER_TIMEOUT_MS, resolveClusterOptions } from "../src/options.js";

describe("resolveClusterOptions", () => {
  it("applies the defaults: one worker per core, loop engine, 30 s timeout, no max-requests, 127.0.0.1:8000", () => {
    const resolved = resolveClusterOptions();
    expect(resolved.workers).toBe(availableParallelism());
    expect(resolved.engine).toBe("loop");
    expect(resolved.timeoutMs).toBe(DEFAULT_WORKER_TIMEOUT_MS);
    expect(resolved.maxRequests).toBe(0);
    expect(resolved.maxRequestsJitter).toBe(0);
    expect(resolved.preload).toBe(false);
    expect(resolved.gracefulMs).toBe(30_000);
    expect(resolved.server.bind).toEqual([{ host: "127.0.0.1", port: 8000 }]);
    expect(resolved.application).toBeUndefined();
  });

  it("passes the shared server options through to the workers", () => {
    const resolved = resolveClusterOptions({ bind: [{ host: "::1", port: 0 }], root: "/srv/www", timeouts: { gracefulMs: 5000 }, environ: { A: "1" } });
    expect(resolved.server).toEqual({ bind: [{ host: "::1", port: 0 }], root: "/srv/www", timeouts: { gracefulMs: 5000 }, environ: { A: "1" } });
    expect(resolved.gracefulMs).toBe(5000);
  });

  it("refuses bad values with ERR_CLUSTER_INVALID_OPTION naming the option", () => {
    expect(() => resolveClusterOptions({ workers: 0 })).toThrow(expect.objectContaining({ code: "ERR_CLUSTER_INVALID_OPTION", message: "workers must be an integer >= 1, got 0" }));
    expect(() => resolveClusterOptions({ timeoutMs: -1 })).toThrow(/timeoutMs must be an integer >= 0/);
    expect(() => resolveClusterOptions({ maxRequests: 1.5 })).toThrow(/maxRequests must be an integer >= 0/);
    expect(() => resolveClusterOptions({ engine: "uv" as "loop" })).toThrow(/engine must be "loop" or "socket"/);
    expect(() => resolveClusterOptions({ stats: { host: "127.0.0.1", port: 70000 } })).toThrow(/stats must be/);
    expect(() => resolveClusterOptions({ application: "" })).toThrow(/application must be a non-empty/);
  });
});
