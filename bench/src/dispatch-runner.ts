// A child process that measures in-process dispatch of the hello route (issue 6): each app run in a tight loop through
// the gateway's shared writer into a MemorySink, no socket. Run as `node --import tsx dispatch-runner.ts RUN_MS RUNS`;
// prints one line `DISPATCH_RESULT {"bare":[ops/s,…],…}`.
import { createEmptyInputStream, createEnviron, MemorySink, runApplication } from "@patchbay/gateway";
import type { Application } from "@patchbay/gateway";
import { app as bareApp } from "../apps/bare-app.js";
import { createChainApp } from "../apps/chain-app.js";
import { HELLO_PATH, HELLO_TEXT } from "../apps/hello-response.js";
import { createResourcesApp } from "../apps/resources-app.js";
import { createRoutesApp } from "../apps/routes-app.js";
import { DISPATCH_RESULT_MARKER } from "./dispatch-protocol.js";

/** Requests between two looks at the clock. */
const CLOCK_CHECK_INTERVAL = 256;
const RAW_HEADERS: readonly string[] = ["Host", "127.0.0.1:8000", "User-Agent", "bench", "Accept", "*/*"];
const WRITER_OPTIONS = { method: "GET", protocol: "HTTP/1.1", keepAlive: true } as const;

/** One request as a server makes it: a fresh environ and sink, the shared writer. */
async function dispatchOnce(app: Application): Promise<MemorySink> {
  const environ = createEnviron({
    method: "GET",
    target: HELLO_PATH,
    protocol: "HTTP/1.1",
    rawHeaders: RAW_HEADERS,
    remoteAddress: "127.0.0.1",
    remotePort: 40_000,
    serverName: "127.0.0.1",
    serverPort: 8000,
    input: createEmptyInputStream(),
  });
  const sink = new MemorySink();
  await runApplication(app, environ, sink, WRITER_OPTIONS);
  return sink;
}

async function operationsPerSecond(app: Application, runMs: number): Promise<number> {
  const started = performance.now();
  let operations = 0;
  let elapsed = 0;
  while (elapsed < runMs) {
    for (let index = 0; index < CLOCK_CHECK_INTERVAL; index++) await dispatchOnce(app);
    operations += CLOCK_CHECK_INTERVAL;
    elapsed = performance.now() - started;
  }
  return (operations * 1000) / elapsed;
}

async function main(): Promise<void> {
  const [runMs, runs] = process.argv.slice(2).map(Number) as [number, number];
  const apps: [string, Application][] = [
    ["bare", bareApp],
    ["routes", createRoutesApp()],
    ["chain", createChainApp()],
    ["resources", createResourcesApp()],
  ];
  for (const [name, app] of apps) {
    const sink = await dispatchOnce(app);
    const text = Buffer.from(sink.body).toString("utf8");
    if (sink.head?.status !== 200 || text !== HELLO_TEXT) throw new Error(`${name}: GET ${HELLO_PATH} answered ${sink.head?.status} ${JSON.stringify(text)}`);
    await operationsPerSecond(app, runMs); // warm-up, thrown away
  }
  const results: Record<string, number[]> = {};
  for (let run = 0; run < runs; run++) {
    // Rotate the order each round so no app always runs right after the same neighbour.
    for (let offset = 0; offset < apps.length; offset++) {
      const [name, app] = apps[(run + offset) % apps.length] as [string, Application];
      (results[name] ??= []).push(await operationsPerSecond(app, runMs));
    }
  }
  process.stdout.write(`${DISPATCH_RESULT_MARKER}${JSON.stringify(results)}\n`);
}

await main();
