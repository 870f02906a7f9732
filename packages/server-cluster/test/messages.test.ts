import { describe, expect, it } from "vitest";
import { isPrimaryMessage, isWorkerMessage } from "../src/messages.js";

describe("isWorkerMessage", () => {
  it("accepts each well-formed worker message", () => {
    expect(isWorkerMessage({ type: "heartbeat", requests: 3 })).toBe(true);
    expect(isWorkerMessage({ type: "retire", requests: 100 })).toBe(true);
    expect(isWorkerMessage({ type: "listening", addresses: [{ host: "127.0.0.1", port: 8000, url: "http://127.0.0.1:8000" }] })).toBe(true);
    expect(isWorkerMessage({ type: "boot-failed", message: "cannot find module file app.ts" })).toBe(true);
  });

  it("refuses node:cluster's own messages, primary messages and malformed ones", () => {
    expect(isWorkerMessage({ cmd: "NODE_CLUSTER", act: "online" })).toBe(false);
    expect(isWorkerMessage({ type: "stop", gracefulMs: 0 })).toBe(false);
    expect(isWorkerMessage({ type: "heartbeat" })).toBe(false);
    expect(isWorkerMessage({ type: "listening", addresses: "x" })).toBe(false);
    expect(isWorkerMessage({ type: "boot-failed" })).toBe(false);
    expect(isWorkerMessage(null)).toBe(false);
    expect(isWorkerMessage("heartbeat")).toBe(false);
  });
});

describe("isPrimaryMessage", () => {
  it("accepts stop and reopen-logs, and nothing else", () => {
    expect(isPrimaryMessage({ type: "stop", gracefulMs: 30000 })).toBe(true);
    expect(isPrimaryMessage({ type: "reopen-logs" })).toBe(true);
    expect(isPrimaryMessage({ type: "stop" })).toBe(false);
    expect(isPrimaryMessage({ type: "heartbeat", requests: 1 })).toBe(false);
    expect(isPrimaryMessage(undefined)).toBe(false);
  });
});
