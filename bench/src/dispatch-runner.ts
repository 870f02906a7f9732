// A child process that measures in-process dispatch of the hello route (issue 6) for ONE app: requests run in a
// tight loop through the gateway's shared writer into a MemorySink, no socket. One app per process, as a server
// runs one app: no other app's code shares its JIT feedback. Run as
// `node --import tsx dispatch-runner.ts APP WARMUP_MS RUN_MS RUNS`; prints `DISPATCH_RESULT {"app":…,"runs":[ops/s,…]}`.
import { createEmptyInputStream, createEnviron, MemorySink, runApplication } from "@patchbay/gateway";
import type { Application } from "@patchbay/gateway";
import { HELLO_PATH, HELLO_TEXT } from "../apps/hello-response.js";
import { DISPATCH_APPS } from "./dispatch-apps.js";
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
  const [name = "", warmupMs, runMs, runs] = [process.argv[2], ...process.argv.slice(3).map(Number)] as [string | undefined, number, number, number];
  const create = DISPATCH_APPS[name];
  if (create === undefined) throw new Error(`unknown dispatch app '${name}' (known: ${Object.keys(DISPATCH_APPS).join(", ")})`);
  const app = create();
  const sink = await dispatchOnce(app);
  const text = Buffer.from(sink.body).toString("utf8");
  if (sink.head?.status !== 200 || text !== HELLO_TEXT) throw new Error(`${name}: GET ${HELLO_PATH} answered ${sink.head?.status} ${JSON.stringify(text)}`);
  await operationsPerSecond(app, warmupMs); // warm-up, thrown away
  const results: number[] = [];
  for (let run = 0; run < runs; run++) results.push(await operationsPerSecond(app, runMs));
  process.stdout.write(`${DISPATCH_RESULT_MARKER}${JSON.stringify({ app: name, runs: results })}\n`);
}

await main();
