// Measures the RSS cost of idle keep-alive connections: starts each server, has idle-client hold N connections, reads RSS.
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { FailedFigure, IdleFigure } from "./bench-results.js";
import { startChildServer, type ChildServerSpec } from "./child-server.js";
import { IDLE_HELD_MARKER, IDLE_OPENED_MARKER } from "./idle-protocol.js";
import { treeRssBytes } from "./process-memory.js";
import type { ProcessTracker } from "./process-tracker.js";
import { serverCommand } from "./server-catalog.js";
import type { CpuPinning } from "./cpu-pinning.js";

/** A server to hold idle connections, and how to start it. */
export interface IdleTarget {
  server: string;
  spec: () => Promise<ChildServerSpec>;
}

/** Settings of the idle section. */
export interface IdleSettings {
  benchDirectory: string;
  pinning: CpuPinning;
  connections: number;
  openBudgetMs: number;
}

/** Time the server gets to settle (timers, GC) between the last connection and the RSS reading. */
const SETTLE_MS = 1_000;
/** Extra time the client may take beyond its open budget (start-up, one last batch) before it is killed. */
const CLIENT_OVERRUN_MS = 30_000;

interface OpenedReport {
  opened: number;
  failed: number;
  openMs: number;
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

async function holdIdle(settings: IdleSettings, port: number, tracker: ProcessTracker, rssPid: number): Promise<{ opened: OpenedReport; held: number; rssAfterBytes: number }> {
  const script = join(settings.benchDirectory, "src", "idle-client.ts");
  const args = ["--import", "tsx", script, String(port), String(settings.connections), String(settings.openBudgetMs)];
  const { command, args: wrapped } = serverCommand(settings.pinning, settings.pinning.loadCpus, process.execPath, args);
  const client = tracker.add(spawn(command, wrapped, { cwd: settings.benchDirectory, stdio: ["pipe", "pipe", "pipe"] }));
  let output = "";
  let errorOutput = "";
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  client.stdout.on("data", (data: Buffer) => {
    output += data.toString("utf8");
    let newline = output.indexOf("\n");
    while (newline >= 0) {
      lines.push(output.slice(0, newline));
      output = output.slice(newline + 1);
      newline = output.indexOf("\n");
    }
    for (const waiter of waiters.splice(0)) waiter();
  });
  client.stderr.on("data", (data: Buffer) => {
    errorOutput = (errorOutput + data.toString("utf8")).slice(-2_000);
  });
  const timer = setTimeout(() => client.kill("SIGKILL"), settings.openBudgetMs + CLIENT_OVERRUN_MS);
  const waitFor = async (marker: string): Promise<string> => {
    for (;;) {
      const line = lines.find((text) => text.startsWith(marker));
      if (line !== undefined) return line.slice(marker.length);
      if (client.exitCode !== null || client.signalCode !== null) throw new Error(`idle client exited early: ${errorOutput}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        client.once("exit", () => resolve());
      });
    }
  };
  try {
    const opened = JSON.parse(await waitFor(IDLE_OPENED_MARKER)) as OpenedReport;
    await delay(SETTLE_MS);
    const rssAfterBytes = treeRssBytes(rssPid);
    client.stdin.write("report\n");
    const { held } = JSON.parse(await waitFor(IDLE_HELD_MARKER)) as { held: number };
    return { opened, held, rssAfterBytes };
  } finally {
    clearTimeout(timer);
    if (client.exitCode === null && client.signalCode === null) client.kill("SIGKILL");
  }
}

/** Runs the idle-connection measurement on each target in turn; a failure costs that server's figure only. */
export async function runIdleSection(targets: readonly IdleTarget[], settings: IdleSettings, tracker: ProcessTracker, log: (line: string) => void): Promise<{ figures: IdleFigure[]; failures: FailedFigure[] }> {
  const figures: IdleFigure[] = [];
  const failures: FailedFigure[] = [];
  const variant = `${settings.connections} idle`;
  for (const target of targets) {
    let server;
    try {
      server = await startChildServer(await target.spec(), tracker);
    } catch (error) {
      failures.push({ section: "idle", server: target.server, variant, reason: `did not start: ${(error as Error).message.split("\n")[0] ?? ""}` });
      continue;
    }
    try {
      await delay(SETTLE_MS);
      const rssBeforeBytes = treeRssBytes(server.pid);
      const { opened, held, rssAfterBytes } = await holdIdle(settings, Number(new URL(server.url).port), tracker, server.pid);
      const shortfall = held < settings.connections ? `held ${held} of ${settings.connections} (${opened.failed} failed to open${opened.openMs >= settings.openBudgetMs ? ", open budget ran out" : ""})` : undefined;
      figures.push({
        server: target.server,
        requested: settings.connections,
        held,
        rssBeforeBytes,
        rssAfterBytes,
        bytesPerConnection: held === 0 ? 0 : (rssAfterBytes - rssBeforeBytes) / held,
        openMs: opened.openMs,
        note: shortfall,
      });
      log(`  idle ${target.server}: ${held} held, ${((rssAfterBytes - rssBeforeBytes) / Math.max(held, 1) / 1024).toFixed(1)} KiB each`);
    } catch (error) {
      failures.push({ section: "idle", server: target.server, variant, reason: (error as Error).message.split("\n")[0] ?? "" });
    } finally {
      await server.stop();
    }
  }
  return { figures, failures };
}
