// The signal table (unit) and each signal against a real cluster: TTIN/TTOU, USR1, HUP under load.
import { mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Logger } from "@patchbay/server-kit";
import { installSignalHandlers, SIGNAL_TABLE, type ArbiterActions } from "../src/signals.js";
import { FIXTURE_APP, get, killSpawned, servingPids, SLOW_BOOT_APP, spawnCluster, waitForLog, waitForStats } from "./cluster-process.js";
import { runLoad } from "./load.js";

afterAll(killSpawned);

const silentLogger: Logger = { level: "error", debug: () => {}, info: () => {}, warning: () => {}, error: () => {} };

describe("SIGNAL_TABLE", () => {
  it("has one entry per signal, with gunicorn's meanings", () => {
    const bySignal = new Map(SIGNAL_TABLE.map((entry) => [entry.signal, entry.action]));
    expect(bySignal.size).toBe(SIGNAL_TABLE.length);
    expect(Object.fromEntries(bySignal)).toEqual({
      SIGTERM: "stopGracefully",
      SIGINT: "stopQuickly",
      SIGQUIT: "stopQuickly",
      SIGHUP: "reload",
      SIGTTIN: "addWorker",
      SIGTTOU: "removeWorker",
      SIGUSR1: "reopenLogs",
    });
  });

  it("installs a handler per entry that runs its action and logs it, and removes them all", () => {
    const listeners = new Map<NodeJS.Signals, () => void>();
    const target = {
      on: (signal: NodeJS.Signals, listener: () => void) => listeners.set(signal, listener),
      off: (signal: NodeJS.Signals) => listeners.delete(signal),
    };
    const calls: string[] = [];
    const actions: ArbiterActions = {
      stopGracefully: () => calls.push("stopGracefully"),
      stopQuickly: () => calls.push("stopQuickly"),
      reload: () => calls.push("reload"),
      addWorker: () => calls.push("addWorker"),
      removeWorker: () => calls.push("removeWorker"),
      reopenLogs: () => calls.push("reopenLogs"),
    };
    const logged: string[] = [];
    const remove = installSignalHandlers(actions, { ...silentLogger, info: (message) => logged.push(message) }, target);
    expect([...listeners.keys()]).toEqual(SIGNAL_TABLE.map((entry) => entry.signal));
    listeners.get("SIGHUP")?.();
    listeners.get("SIGTTOU")?.();
    expect(calls).toEqual(["reload", "removeWorker"]);
    expect(logged).toEqual(["Received SIGHUP: reload: start new workers, then gracefully stop the old ones", "Received SIGTTOU: one worker fewer"]);
    remove();
    expect(listeners.size).toBe(0);
  });
});

describe("signals on a real cluster", { timeout: 30_000 }, () => {
  it("TTIN adds a worker and TTOU removes one, never below one", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "1", "--stats", "127.0.0.1:0", FIXTURE_APP]);
    const [first] = servingPids(await waitForStats(cluster, (stats) => servingPids(stats).length === 1));
    cluster.child.kill("SIGTTIN");
    const grown = await waitForStats(cluster, (stats) => stats.workersWanted === 2 && servingPids(stats).length === 2);
    expect(servingPids(grown)).toContain(first);
    cluster.child.kill("SIGTTOU");
    // The oldest worker is the one that goes.
    const shrunk = await waitForStats(cluster, (stats) => stats.workersWanted === 1 && stats.workers.length === 1);
    expect(servingPids(shrunk)).not.toContain(first);
    cluster.child.kill("SIGTTOU");
    await waitForLog(cluster, /Received SIGTTOU: one worker fewer[\s\S]*Received SIGTTOU: one worker fewer/);
    const floor = await waitForStats(cluster, (stats) => stats.workers.length === 1);
    expect(floor.workersWanted).toBe(1);
    expect(floor.restarts).toBe(0);
    cluster.child.kill("SIGTERM");
    expect((await cluster.exited).code).toBe(0);
  });

  it("TERM while a worker still boots stops it once booted, not after the graceful timeout", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "2", "--graceful-timeout", "20", SLOW_BOOT_APP]);
    cluster.child.kill("SIGTERM");
    const outcome = await Promise.race([cluster.exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 12_000))]);
    expect(outcome).toEqual({ code: 0, signal: null });
    expect(cluster.log()).not.toMatch(/did not stop in time/);
  });

  it("USR1 makes every worker reopen its access log", async () => {
    const directory = await mkdtemp(join(tmpdir(), "patchbay-cluster-"));
    try {
      const logPath = join(directory, "access.log");
      const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "1", "--access-log", logPath, FIXTURE_APP]);
      expect((await get(`${cluster.url}/before`)).status).toBe(200);
      await rename(logPath, `${logPath}.1`);
      cluster.child.kill("SIGUSR1");
      await waitForLog(cluster, /Reopening log files in every worker/);
      // The reopen message travels over IPC; poll until a request lands in the new file.
      let text = "";
      for (let attempt = 0; attempt < 40 && !text.includes("/after"); attempt++) {
        await get(`${cluster.url}/after`);
        text = await readFile(logPath, "utf8").catch(() => "");
      }
      expect(text).toContain('"GET /after HTTP/1.1" 200');
      expect(await readFile(`${logPath}.1`, "utf8")).toContain('"GET /before HTTP/1.1" 200');
      cluster.child.kill("SIGTERM");
      expect((await cluster.exited).code).toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("HUP three times under load: every worker replaced, zero non-2xx, zero connection errors", async () => {
    const cluster = await spawnCluster(["--bind", "127.0.0.1:0", "--workers", "2", "--stats", "127.0.0.1:0", FIXTURE_APP]);
    const before = servingPids(await waitForStats(cluster, (stats) => servingPids(stats).length === 2));
    const load = runLoad(cluster.url, 4, 8);
    for (const delayMs of [1500, 2500, 2500]) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      cluster.child.kill("SIGHUP");
    }
    const result = await load;
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, resets: result.resets }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, resets: 0 });
    expect(result["2xx"]).toBeGreaterThan(100);
    const after = await waitForStats(cluster, (stats) => stats.workers.length === 2 && servingPids(stats).length === 2);
    expect(servingPids(after).filter((pid) => before.includes(pid))).toEqual([]);
    expect(cluster.log().match(/Received SIGHUP/g)).toHaveLength(3);
    expect(after.restarts).toBe(0);
    cluster.child.kill("SIGTERM");
    expect((await cluster.exited).code).toBe(0);
  });
});
