// The arbiter: its decisions with a fake fork, then against real processes: respawn, heartbeat timeout, max-requests, graceful stop, boot errors.
import { EventEmitter } from "node:events";
import type { Worker } from "node:cluster";
import { afterAll, describe, expect, it } from "vitest";
import type { Logger } from "@patchbay/server-kit";
import { Arbiter, EXIT_BOOT_FAILED } from "../src/arbiter.js";
import type { PrimaryMessage, WorkerMessage } from "../src/messages.js";
import { resolveClusterOptions } from "../src/options.js";
import { decodeWorkerConfig, WORKER_CONFIG_VARIABLE } from "../src/worker-config.js";
import { CRASHING_APP, FIXTURE_APP, get, killSpawned, pidOf, servingPids, spawnCluster, THROWING_APP, waitForLog, waitForStats } from "./cluster-process.js";

const logger: Logger = { level: "error", debug: () => {}, info: () => {}, warning: () => {}, error: () => {} };
const ADDRESS = { host: "127.0.0.1", port: 8123, url: "http://127.0.0.1:8123" };

class FakeWorker extends EventEmitter {
  readonly received: PrimaryMessage[] = [];
  readonly signals: string[] = [];
  readonly process: { pid: number; kill: (signal: string) => void };
  readonly id: number;
  readonly environment: Record<string, string>;
  connected = true;

  constructor(id: number, environment: Record<string, string>) {
    super();
    this.id = id;
    this.environment = environment;
    this.process = { pid: 1000 + id, kill: (signal) => this.signals.push(signal) };
  }

  isConnected(): boolean {
    return this.connected;
  }

  send(message: PrimaryMessage): boolean {
    this.received.push(message);
    return true;
  }

  /** The worker sends a message to the primary. */
  tell(message: WorkerMessage): void {
    this.emit("message", message);
  }

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.connected = false;
    this.emit("exit", code, signal);
  }
}

function setUp(workers: number, extra: Parameters<typeof resolveClusterOptions>[0] = {}): { arbiter: Arbiter; forked: FakeWorker[] } {
  const forked: FakeWorker[] = [];
  const options = resolveClusterOptions({ workers, logger, timeoutMs: 0, ...extra });
  const arbiter = new Arbiter(options, (environment) => {
    const worker = new FakeWorker(forked.length + 1, environment);
    forked.push(worker);
    return worker as unknown as Worker;
  });
  return { arbiter, forked };
}

const stopped = (worker: FakeWorker): boolean => worker.received.some((message) => message.type === "stop");

describe("Arbiter (fake fork)", () => {
  it("forks N workers with their configuration and resolves start() when the first listens", async () => {
    const { arbiter, forked } = setUp(2, { application: "app.ts:app", maxRequests: 100 });
    const ready = arbiter.start();
    expect(forked).toHaveLength(2);
    const config = decodeWorkerConfig(forked[0]?.environment[WORKER_CONFIG_VARIABLE]);
    expect(config).toMatchObject({ application: "app.ts:app", engine: "loop", maxRequests: 100 });
    forked[0]?.tell({ type: "listening", addresses: [ADDRESS] });
    expect(await ready).toEqual([ADDRESS]);
    expect(arbiter.stats().workers.map((worker) => worker.state)).toEqual(["serving", "booting"]);
  });

  it("on reload, stops the old workers only once every new one listens", async () => {
    const { arbiter, forked } = setUp(2);
    const ready = arbiter.start();
    for (const worker of forked) worker.tell({ type: "listening", addresses: [ADDRESS] });
    await ready;
    arbiter.reload();
    expect(forked).toHaveLength(4);
    const [old1, old2, new1, new2] = forked as [FakeWorker, FakeWorker, FakeWorker, FakeWorker];
    new1.tell({ type: "listening", addresses: [ADDRESS] });
    expect(stopped(old1) || stopped(old2)).toBe(false);
    new2.tell({ type: "listening", addresses: [ADDRESS] });
    expect(stopped(old1) && stopped(old2)).toBe(true);
    expect(old1.received).toEqual([{ type: "stop", gracefulMs: 30_000 }]);
    expect(stopped(new1) || stopped(new2)).toBe(false);
    old1.exit(0);
    old2.exit(0);
    // Planned replacements fork nothing more and count no restart.
    expect(forked).toHaveLength(4);
    expect(arbiter.stats()).toMatchObject({ restarts: 0, workersWanted: 2 });
    arbiter.stopQuickly();
    new1.exit(0);
    new2.exit(0);
    expect(await arbiter.exited).toBe(0);
  });

  it("replaces a retiring worker (max-requests) the same way, and respawns a dead one (after the first backoff step: it died young)", async () => {
    const { arbiter, forked } = setUp(1);
    const ready = arbiter.start();
    const [first] = forked as [FakeWorker];
    first.tell({ type: "listening", addresses: [ADDRESS] });
    await ready;
    first.tell({ type: "retire", requests: 100 });
    expect(forked).toHaveLength(2);
    expect(stopped(first)).toBe(false);
    const second = forked[1] as FakeWorker;
    second.tell({ type: "listening", addresses: [ADDRESS] });
    expect(stopped(first)).toBe(true);
    first.exit(0);
    second.exit(null, "SIGKILL");
    // The first death after a worker lived under EARLY_EXIT_MS waits RESPAWN_BACKOFF_BASE_MS.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(forked).toHaveLength(3);
    expect(arbiter.stats().restarts).toBe(1);
    arbiter.stopQuickly();
    forked[2]?.exit(0);
    expect(await arbiter.exited).toBe(0);
  });

  it("TTOU stops the oldest worker; TTIN forks one more", async () => {
    const { arbiter, forked } = setUp(2);
    const ready = arbiter.start();
    for (const worker of forked) worker.tell({ type: "listening", addresses: [ADDRESS] });
    await ready;
    arbiter.removeWorker();
    expect(stopped(forked[0] as FakeWorker)).toBe(true);
    expect(stopped(forked[1] as FakeWorker)).toBe(false);
    arbiter.removeWorker();
    expect(arbiter.stats().workersWanted).toBe(1);
    arbiter.addWorker();
    expect(forked).toHaveLength(3);
    expect(arbiter.stats().workersWanted).toBe(2);
  });

  it("stops with EXIT_BOOT_FAILED when a worker cannot boot before any listened", async () => {
    const { arbiter, forked } = setUp(2);
    const ready = arbiter.start();
    forked[0]?.tell({ type: "boot-failed", message: "cannot find module file app.ts" });
    await expect(ready).rejects.toMatchObject({ code: "ERR_CLUSTER_BOOT_FAILED", message: "cannot find module file app.ts" });
    expect(forked.every((worker) => worker.received.some((message) => message.type === "stop" && message.gracefulMs === 0))).toBe(true);
    for (const worker of forked) worker.exit(3);
    expect(await arbiter.exited).toBe(EXIT_BOOT_FAILED);
  });
});

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

  it("runs server-socket's engine in each worker with --engine socket", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "2", "--engine", "socket", FIXTURE_APP]);
    const response = await get(cluster.url);
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/^pid \d+ multiprocess true\n$/);
    cluster.child.kill("SIGTERM");
    expect((await cluster.exited).code).toBe(0);
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
