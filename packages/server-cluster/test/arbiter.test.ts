// The arbiter against real processes: respawn, heartbeat timeout, max-requests, graceful stop, boot errors.
import { afterAll, describe, expect, it } from "vitest";
import { CRASHING_APP, FIXTURE_APP, get, killSpawned, pidOf, servingPids, spawnCluster, THROWING_APP, waitForLog, waitForStats } from "./cluster-process.js";

afterAll(killSpawned);

describe("arbiter (real cluster processes)", { timeout: 25_000 }, () => {
  it("replaces a worker killed with SIGKILL and keeps answering", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "2", "--stats", "127.0.0.1:0", FIXTURE_APP]);
    const before = await waitForStats(cluster, (stats) => servingPids(stats).length === 2);
    const victim = servingPids(before)[0] ?? 0;
    process.kill(victim, "SIGKILL");
    // node:cluster limit: a connection handed to a worker in the instant it dies is lost with it, so the
    // requests start once the primary has seen the death; the other worker answers them meanwhile.
    await waitForLog(cluster, new RegExp(`\\(pid ${victim}\\) died \\(signal SIGKILL\\)`));
    for (let index = 0; index < 5; index++) expect((await get(cluster.url)).status).toBe(200);
    const after = await waitForStats(cluster, (stats) => servingPids(stats).length === 2 && !servingPids(stats).includes(victim));
    expect(after.restarts).toBe(1);
    expect(cluster.log()).toContain(`(pid ${victim}) died (signal SIGKILL)`);
    const response = await get(cluster.url);
    expect(response.status).toBe(200);
    expect(response.body).toContain("multiprocess true");
    cluster.child.kill("SIGTERM");
    expect((await cluster.exited).code).toBe(0);
  });

  it("kills a worker whose event loop is blocked past --timeout, and replaces it", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "1", "--timeout", "2", FIXTURE_APP]);
    const stuckPid = pidOf(await get(cluster.url));
    // The request never gets an answer: its worker is killed.
    const blocked = get(`${cluster.url}/block`).catch((error: unknown) => error);
    await waitForLog(cluster, new RegExp(`Worker timeout \\(pid ${stuckPid}\\): no heartbeat for \\d+ ms, killing it with SIGKILL`));
    expect(await blocked).toBeInstanceOf(Error);
    await waitForLog(cluster, /Booting worker 2 with pid \d+/);
    let response = await get(cluster.url).catch(() => undefined);
    for (let attempt = 0; response === undefined && attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      response = await get(cluster.url).catch(() => undefined);
    }
    expect(response?.status).toBe(200);
    expect(pidOf(response ?? { status: 0, body: "" })).not.toBe(stuckPid);
    cluster.child.kill("SIGTERM");
    expect((await cluster.exited).code).toBe(0);
  });

  it("replaces a worker gracefully after --max-requests, losing no request", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "1", "--max-requests", "5", "--stats", "127.0.0.1:0", FIXTURE_APP]);
    const pids = new Set<number>();
    const deadline = Date.now() + 20_000;
    let served = 0;
    while (pids.size < 3 && Date.now() < deadline) {
      const response = await get(cluster.url);
      expect(response.status).toBe(200);
      pids.add(pidOf(response));
      served++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(pids.size).toBe(3);
    expect(served).toBeGreaterThanOrEqual(10);
    expect(cluster.log()).toMatch(/served \d+ requests: replacing it/);
    const stats = await waitForStats(cluster, (current) => current.workers.length === 1);
    // A planned replacement is not a restart.
    expect(stats.restarts).toBe(0);
    cluster.child.kill("SIGTERM");
    expect((await cluster.exited).code).toBe(0);
  });

  it("drains an in-flight request on SIGTERM before exiting", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "1", FIXTURE_APP]);
    const slow = get(`${cluster.url}/slow?ms=1500`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    cluster.child.kill("SIGTERM");
    const response = await slow;
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/^pid \d+ multiprocess true\n$/);
    expect(await cluster.exited).toEqual({ code: 0, signal: null });
    const log = cluster.log();
    expect(log.indexOf("Received SIGTERM")).toBeGreaterThan(-1);
    expect(log.indexOf("stopped (exit code 0)")).toBeGreaterThan(log.indexOf("Received SIGTERM"));
  });

  it("backs off between respawns in a crash loop instead of spinning", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "1", CRASHING_APP]);
    await waitForLog(cluster, /Waiting 100 ms before starting a worker \(1 early exits in a row\)[\s\S]*Waiting 200 ms[\s\S]*Waiting 400 ms before starting a worker \(3 early exits in a row\)/, 15_000);
    cluster.child.kill("SIGTERM");
    expect((await cluster.exited).code).toBe(0);
    // Each fork waited its turn: the delays only grew.
    const delays = [...cluster.log().matchAll(/Waiting (\d+) ms/g)].map((match) => Number(match[1]));
    expect(delays.slice(0, 3)).toEqual([100, 200, 400]);
  });

  it("closes every connection at once on SIGINT (quick stop) and exits 0", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "1", "--graceful-timeout", "30", FIXTURE_APP]);
    const slow = get(`${cluster.url}/slow?ms=20000`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    cluster.child.kill("SIGINT");
    // Not drained for 20 s: the request is cut and the cluster is gone well within the test timeout.
    expect(await slow).toBeInstanceOf(Error);
    expect(await cluster.exited).toEqual({ code: 0, signal: null });
    expect(cluster.log()).toContain("Received SIGINT: quick stop");
  });

  it("exits with status 3 and one clear line when the module is missing", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "2", "test/fixtures/no-such-app.ts"], false);
    expect((await cluster.exited).code).toBe(3);
    const errors = cluster.log().split("\n").filter((line) => line.startsWith("patchbay-cluster: error:"));
    expect(errors).toEqual([expect.stringContaining("cannot find module file test/fixtures/no-such-app.ts")]);
  });

  it("exits with status 3 when the module throws at import, before forking with --preload", async () => {
    const plain = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "1", THROWING_APP], false);
    expect((await plain.exited).code).toBe(3);
    expect(plain.log()).toMatch(/^patchbay-cluster: error: error while loading .*throws\.ts: boom at import$/m);

    const preloaded = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "1", "--preload", THROWING_APP], false);
    expect((await preloaded.exited).code).toBe(3);
    expect(preloaded.log()).toMatch(/^patchbay-cluster: error: error while loading .*throws\.ts: boom at import$/m);
    expect(preloaded.log()).not.toContain("Booting worker");
  });
});
