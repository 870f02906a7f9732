// The Hono app on the real patchbay-cluster bin (two workers) over 127.0.0.1: pages, JSON, streaming, 404, workers.
import { getOnNewConnection, type ServerProcess } from "@patchbay/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_LINES } from "../src/hono-app.js";
import { startCluster } from "./fixtures/cluster-process.js";

let cluster: ServerProcess;

beforeAll(async () => {
  cluster = await startCluster(2);
}, 30_000);

afterAll(async () => {
  await cluster?.close();
}, 15_000);

describe("hono-cluster on server-cluster", () => {
  it("serves Hono's HTML home page", async () => {
    const response = await fetch(`${cluster.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(await response.text()).toContain("<h1>Hello from Hono on patchbay</h1>");
  });

  it("answers JSON with a route parameter, percent-decoded", async () => {
    const response = await fetch(`${cluster.url}/api/greet/Ada%20L`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ greeting: "Hello, Ada L!" });
  });

  it("reads a JSON request body and answers 201, and 400 for a malformed one", async () => {
    const created = await fetch(`${cluster.url}/api/echo`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ note: "héllo" }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ received: { note: "héllo" }, contentType: "application/json" });

    const malformed = await fetch(`${cluster.url}/api/echo`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{nope" });
    expect(malformed.status).toBe(400);
  });

  it("streams the text response chunked, line by line", async () => {
    const response = await fetch(`${cluster.url}/stream`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error("no response body");
    const decoder = new TextDecoder();
    const reads: string[] = [];
    for (let result = await reader.read(); !result.done; result = await reader.read()) reads.push(decoder.decode(result.value));
    expect(reads.join("")).toBe(Array.from({ length: STREAM_LINES }, (_, index) => `line ${index + 1}\n`).join(""));
    // The lines are 100 ms apart, so they cannot all have come in one read: nothing buffered the stream.
    expect(reads.length).toBeGreaterThan(1);
  });

  it("answers Hono's JSON 404 for an unknown path", async () => {
    const response = await fetch(`${cluster.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not found", path: "/nowhere" });
  });

  it("is answered by the worker processes, not by the arbiter", async () => {
    const pids = new Set<number>();
    for (let index = 0; index < 6; index++) pids.add((JSON.parse(await getOnNewConnection(`${cluster.url}/api/process`)) as { pid: number }).pid);
    const workers = cluster.childPids();
    expect(workers).toHaveLength(2);
    for (const pid of pids) expect(workers).toContain(pid);
  });

  it("logged no warning or error", () => {
    expect(cluster.problemLines()).toEqual([]);
  });
});
