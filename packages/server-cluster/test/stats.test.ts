import { afterEach, describe, expect, it } from "vitest";
import { startStatsServer, type ClusterStats, type StatsServer } from "../src/stats.js";

const snapshot: ClusterStats = {
  pid: 42,
  uptimeMs: 1000,
  workersWanted: 2,
  restarts: 1,
  requests: 7,
  workers: [{ id: 3, pid: 43, state: "serving", requests: 7, uptimeMs: 900 }],
};

let server: StatsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("startStatsServer", () => {
  it("serves the current snapshot as JSON on every GET", async () => {
    let reads = 0;
    server = await startStatsServer({ host: "127.0.0.1", port: 0 }, () => ({ ...snapshot, requests: ++reads }));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ...snapshot, requests: 1 });
    expect(((await (await fetch(`${server.url}anything`)).json()) as ClusterStats).requests).toBe(2);
  });

  it("answers HEAD without a body and other methods with 405", async () => {
    server = await startStatsServer({ host: "127.0.0.1", port: 0 }, () => snapshot);
    const head = await fetch(server.url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await fetch(server.url, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("fails with ERR_CLUSTER_INVALID_STATE when the address is taken", async () => {
    server = await startStatsServer({ host: "127.0.0.1", port: 0 }, () => snapshot);
    const port = Number(new URL(server.url).port);
    await expect(startStatsServer({ host: "127.0.0.1", port }, () => snapshot)).rejects.toMatchObject({ code: "ERR_CLUSTER_INVALID_STATE", message: `stats server cannot listen on 127.0.0.1:${port}: EADDRINUSE` });
  });
});
