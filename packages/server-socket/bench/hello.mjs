// Hello-world req/s of server-socket against plain node:http in the same run, keep-alive and pipelined, with
// autocannon (bench/'s dependency). Each server runs in its own process; runs are short and bounded. On a small
// machine the one-process client is the bottleneck, so the servers' CPU time per request is reported too.
// Usage: `../../node_modules/.bin/tsc -b && node bench/hello.mjs [seconds=10]` from packages/server-socket.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const autocannon = createRequire(new URL("../../../bench/package.json", import.meta.url))("autocannon");
const DURATION_SECONDS = Number(process.argv[2] ?? "10");
const CONNECTIONS = 50;
const PIPELINED_REQUESTS = 10;

/** Starts a server process; resolves with it, its port, and a function that stops it and returns its CPU time (µs). */
function startServer(kind) {
  const child = spawn(process.execPath, [new URL("hello-server.mjs", import.meta.url).pathname, kind], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
    const cpu = JSON.parse(output.trim().split("\n").at(-1));
    return cpu.user + cpu.system;
  };
  return new Promise((resolve, reject) => {
    child.stdout.once("data", (chunk) => resolve({ port: Number(String(chunk).trim()), stop }));
    void exited.then((code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

async function measure(kind, pipelining) {
  const { port, stop } = await startServer(kind);
  let result;
  let cpuMicros = 0;
  try {
    result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, pipelining, duration: DURATION_SECONDS });
  } finally {
    cpuMicros = await stop();
  }
  return {
    requestsPerSecond: Math.round(result.requests.average),
    cpuMicrosPerRequest: cpuMicros / result.requests.total,
    errors: result.errors + result.non2xx,
    latencyP99: result.latency.p99,
  };
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
    // Server CPU per request: independent of whether the one-process client was the bottleneck.
    "node:http CPU µs/req": http.cpuMicrosPerRequest.toFixed(1),
    "server-socket CPU µs/req": socket.cpuMicrosPerRequest.toFixed(1),
    "CPU ratio": (http.cpuMicrosPerRequest / socket.cpuMicrosPerRequest).toFixed(2),
    "socket p99 ms": socket.latencyP99,
    errors: http.errors + socket.errors,
  });
}
console.table(rows);
