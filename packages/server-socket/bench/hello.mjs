// Hello-world req/s of server-socket against plain node:http in the same run, keep-alive and pipelined, with
// autocannon (bench/'s dependency). Each server runs in its own process; runs are short and bounded.
// Usage: `../../node_modules/.bin/tsc -b && node bench/hello.mjs [seconds=10]` from packages/server-socket.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const autocannon = createRequire(new URL("../../../bench/package.json", import.meta.url))("autocannon");
const DURATION_SECONDS = Number(process.argv[2] ?? "10");
const CONNECTIONS = 50;
const PIPELINED_REQUESTS = 10;

function startServer(kind) {
  const child = spawn(process.execPath, [new URL("hello-server.mjs", import.meta.url).pathname, kind], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout.once("data", (chunk) => resolve({ child, port: Number(String(chunk).trim()) }));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

async function measure(kind, pipelining) {
  const { child, port } = await startServer(kind);
  try {
    const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, pipelining, duration: DURATION_SECONDS });
    return { requestsPerSecond: Math.round(result.requests.average), errors: result.errors + result.non2xx, latencyP99: result.latency.p99 };
  } finally {
    child.kill("SIGTERM");
  }
}

const rows = [];
for (const pipelining of [1, PIPELINED_REQUESTS]) {
  const http = await measure("http", pipelining);
  const socket = await measure("socket", pipelining);
  rows.push({
    mode: pipelining === 1 ? "keep-alive" : `pipelined x${pipelining}`,
    "node:http req/s": http.requestsPerSecond,
    "server-socket req/s": socket.requestsPerSecond,
    ratio: (socket.requestsPerSecond / http.requestsPerSecond).toFixed(2),
    "socket p99 ms": socket.latencyP99,
    errors: http.errors + socket.errors,
  });
}
console.table(rows);
