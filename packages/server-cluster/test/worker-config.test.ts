import { describe, expect, it } from "vitest";
import { decodeWorkerConfig, encodeWorkerConfig, type WorkerConfig } from "../src/worker-config.js";

const config: WorkerConfig = {
  application: "app.ts:app",
  cwd: "/srv",
  engine: "loop",
  server: { bind: [{ host: "127.0.0.1", port: 8000 }], timeouts: { gracefulMs: 1000 } },
  logLevel: "info",
  accessLog: undefined,
  accessLogFormat: undefined,
  maxRequests: 0,
};

describe("worker configuration", () => {
  it("round-trips through its environment variable", () => {
    const decoded = decodeWorkerConfig(encodeWorkerConfig(config));
    expect(decoded.application).toBe("app.ts:app");
    expect(decoded.server).toEqual(config.server);
    expect(decoded.engine).toBe("loop");
  });

  it("refuses a missing, non-JSON or foreign value with ERR_CLUSTER_INVALID_STATE", () => {
    expect(() => decodeWorkerConfig(undefined)).toThrow(expect.objectContaining({ code: "ERR_CLUSTER_INVALID_STATE", message: expect.stringContaining("runs inside a patchbay-cluster worker only") }));
    expect(() => decodeWorkerConfig("{")).toThrow(expect.objectContaining({ code: "ERR_CLUSTER_INVALID_STATE" }));
    expect(() => decodeWorkerConfig(JSON.stringify({ ...config, engine: "uvloop" }))).toThrow(expect.objectContaining({ code: "ERR_CLUSTER_INVALID_STATE" }));
  });
});
