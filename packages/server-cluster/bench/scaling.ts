// Throughput of patchbay-cluster with 1..CPU-count workers, as the ratio to one worker (autocannon, in this process).
// Usage: pnpm --filter @patchbay/server-cluster bench [-- --seconds 5 --runs 3 --connections 32]
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number }, callback: (error: Error | null, result: AutocannonResult) => void) => unknown;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
const BIN_PATH = fileURLToPath(new URL("../bin/patchbay-cluster.js", import.meta.url));
const APP_PATH = fileURLToPath(new URL("./hello-app.ts", import.meta.url));
/** Load before each measured series, so JIT warm-up is not measured. */
const WARM_UP_SECONDS = 2;
/** Longest a cluster may take to log its address. */
const START_TIMEOUT_MS = 20_000;

const { values } = parseArgs({ options: { seconds: { type: "string", default: "5" }, runs: { type: "string", default: "3" }, connections: { type: "string", default: "32" } } });
const seconds = Number(values.seconds);
const runs = Number(values.runs);
const connections = Number(values.connections);

function load(url: string, duration: number): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration }, (error, result) => (error === null ? resolve(result) : reject(error)));
  });
}

function startCluster(workers: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN_PATH, "--workers", String(workers), "--bind", "127.0.0.1:0", APP_PATH], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`cluster did not start within ${START_TIMEOUT_MS} ms:\n${text}`)), START_TIMEOUT_MS);
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      text += chunk;
      const match = /Listening at (http:\/\/\S+)/.exec(text);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.once("exit", (code) => reject(new Error(`cluster exited with ${String(code)}:\n${text}`)));
  });
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const cores = availableParallelism();
const rows: { workers: number; requestsPerSecond: number; failures: number }[] = [];
for (let workers = 1; workers <= cores; workers++) {
  const { child, url } = await startCluster(workers);
  try {
    await load(url, WARM_UP_SECONDS);
    const samples: number[] = [];
    let failures = 0;
    for (let run = 0; run < runs; run++) {
      const result = await load(url, seconds);
      samples.push(result.requests.average);
      failures += result.errors + result.non2xx + result.timeouts;
    }
    rows.push({ workers, requestsPerSecond: median(samples), failures });
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

const base = rows[0]?.requestsPerSecond ?? 1;
console.log(`patchbay-cluster scaling: ${cores} cores (shared with the load generator), autocannon -c ${connections}, ${runs} x ${seconds} s per row, median`);
console.log("| workers | requests/s | ratio to 1 worker | ratio / workers | failures |");
console.log("| ---: | ---: | ---: | ---: | ---: |");
for (const row of rows) {
  const ratio = row.requestsPerSecond / base;
  console.log(`| ${row.workers} | ${Math.round(row.requestsPerSecond)} | ${ratio.toFixed(2)} | ${(ratio / row.workers).toFixed(2)} | ${row.failures} |`);
}
