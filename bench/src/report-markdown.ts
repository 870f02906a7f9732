// Writes one run's results as the markdown report (machine, commands, targets, tables); text in, text out, no I/O.
import type { BenchResults, LoadFigure } from "./bench-results.js";
import { DISPATCH_BASELINE } from "./dispatch-apps.js";
import { dispatchCostPercent } from "./dispatch-section.js";
import { NOISY_SPREAD_PERCENT, spreadPercent } from "./run-spread.js";
import { evaluateTargets, findFigure } from "./targets.js";

const MIB_BYTES = 1024 * 1024;

function requests(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

function ratio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? "–" : `${value.toFixed(2)}×`;
}

function milliseconds(value: number): string {
  // wrk records no latency for some pipelined runs (it times a whole batch): show that, not a fake 0.
  return value > 0 ? value.toFixed(2) : "–";
}

function mebibytes(bytes: number): string {
  return (bytes / MIB_BYTES).toFixed(1);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}

function over(figure: LoadFigure, reference: LoadFigure | undefined): number | undefined {
  return reference === undefined ? undefined : figure.requestsPerSecond / reference.requestsPerSecond;
}

function runsText(figure: LoadFigure): string {
  const warnings = figure.socketErrors + figure.badStatuses > 0 ? ` ⚠ ${figure.socketErrors} errors, ${figure.badStatuses} non-2xx` : "";
  const spread = spreadPercent(figure.runs, figure.requestsPerSecond);
  const noisy = spread > NOISY_SPREAD_PERCENT ? ` (spread ${spread.toFixed(0)} %: noisy)` : "";
  return `${figure.runs.map((value) => requests(value)).join(" / ")}${noisy}${warnings}`;
}

function helloSection(results: BenchResults, section: "hello" | "pipelined"): string {
  const figures = results.load.filter((figure) => figure.section === section);
  if (figures.length === 0) return "Not run.";
  const reference = findFigure(results, section, "node:http", "hello");
  const rows = figures.map((figure) => [figure.server, figure.variant, requests(figure.requestsPerSecond), ratio(over(figure, reference)), milliseconds(figure.latencyP50Ms), milliseconds(figure.latencyP99Ms), mebibytes(figure.rssBytes), runsText(figure)]);
  return table(["server", "app", "req/s", `× node:http${section === "pipelined" ? " pipelined" : ""}`, "p50 ms", "p99 ms", "RSS after load MiB", "runs req/s"], rows);
}

function staticSection(results: BenchResults): string {
  const figures = results.load.filter((figure) => figure.section === "static");
  if (figures.length === 0) return "Not run.";
  const nodeHello = findFigure(results, "hello", "node:http", "hello");
  const rows = figures.map((figure) => {
    const peer = (server: string): string => ratio(over(figure, findFigure(results, "static", server, figure.variant)));
    return [figure.server, figure.variant, requests(figure.requestsPerSecond), ratio(over(figure, nodeHello)), peer("sirv"), peer("send"), peer("nginx"), milliseconds(figure.latencyP50Ms), milliseconds(figure.latencyP99Ms), mebibytes(figure.rssBytes), runsText(figure)];
  });
  return table(["server", "file", "req/s", "× node:http hello", "× sirv", "× send", "× nginx", "p50 ms", "p99 ms", "RSS after load MiB", "runs req/s"], rows);
}

function clusterSection(results: BenchResults): string {
  const figures = results.load.filter((figure) => figure.section === "cluster");
  if (figures.length === 0) return "Not run.";
  const one = findFigure(results, "cluster", "server-cluster", "1 worker");
  const nodeHello = findFigure(results, "hello", "node:http", "hello");
  const rows = figures.map((figure) => [figure.variant, requests(figure.requestsPerSecond), ratio(over(figure, one)), ratio(over(figure, nodeHello)), milliseconds(figure.latencyP50Ms), milliseconds(figure.latencyP99Ms), mebibytes(figure.rssBytes), figure.note ?? "", runsText(figure)]);
  return table(["workers", "req/s", "× 1 worker", "× node:http", "p50 ms", "p99 ms", "RSS after load MiB (arbiter + workers)", "note", "runs req/s"], rows);
}

function idleSection(results: BenchResults): string {
  if (results.idle.length === 0) return "Not run.";
  const rows = results.idle.map((figure) => [
    figure.server,
    `${figure.held} / ${figure.requested}`,
    mebibytes(figure.rssBeforeBytes),
    mebibytes(figure.rssAfterBytes),
    (figure.bytesPerConnection / 1024).toFixed(2),
    String(figure.openMs),
    figure.note ?? "",
  ]);
  return table(["server", "held / asked", "RSS before MiB", "RSS holding them MiB", "KiB per connection", "open time ms", "note"], rows);
}

/** What each dispatch app is, for the table. */
function dispatchAppLabel(app: string): string {
  if (app === DISPATCH_BASELINE) return "bare gateway app (baseline: pre-encoded bytes, its own Content-Length)";
  if (app === "bare-text") return "bare gateway app returning its text as a string";
  if (app === "minimal-router") return "minimal router (reference: a Map lookup, a request and a response object; apps/minimal-router-app.ts)";
  return `framework-${app}`;
}

function dispatchSection(results: BenchResults): string {
  if (results.dispatch.length === 0) return "Not run.";
  const bare = results.dispatch.find((figure) => figure.app === DISPATCH_BASELINE);
  const rows = results.dispatch.map((figure) => [
    dispatchAppLabel(figure.app),
    requests(figure.operationsPerSecond),
    bare === undefined ? "–" : ratio(figure.operationsPerSecond / bare.operationsPerSecond),
    bare === undefined || figure.app === DISPATCH_BASELINE ? "–" : `${dispatchCostPercent(bare.operationsPerSecond, figure.operationsPerSecond).toFixed(1)} %`,
    `${figure.runs.map((value) => requests(value)).join(" / ")}${spreadPercent(figure.runs, figure.operationsPerSecond) > NOISY_SPREAD_PERCENT ? " (noisy)" : ""}`,
  ]);
  return table(["app", "requests/s", "× bare", "cost", "per process"], rows);
}

function dispatchSettingsText(results: BenchResults): string {
  const settings = results.dispatchSettings;
  if (settings === undefined) return "(settings not recorded in this run)";
  return `with ${settings.warmupMs} ms of warm-up and ${settings.runs} runs of ${settings.runMs} ms, ${settings.processes} processes per app`;
}

/** Replaces the run's absolute folders with short names, so command lines read the same on every machine. */
function shortenPaths(line: string, paths: BenchResults["paths"]): string {
  if (paths === undefined) return line;
  return line.replaceAll(paths.scratch, "$TMP").replaceAll(paths.repository + "/", "").replaceAll(paths.node, "node");
}

/** The whole report for `results`; `commands` are the load command lines used, listed once each. */
export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const targets = evaluateTargets(results);
  const commands = [...new Set(results.load.map((figure) => figure.command))];
  const serverCommands = [...new Set(results.load.map((figure) => shortenPaths(figure.serverCommand ?? "", results.paths)))].filter((line) => line !== "");
  const targetRows = targets.map((target) => [String(target.issue), target.target, target.measured, target.met === undefined ? "–" : target.met ? "met" : "**not met**", target.note ?? ""]);
  const failureRows = results.failures.map((failure) => [failure.section, failure.server, failure.variant, failure.reason.replaceAll("|", "\\|")]);
  const packageRows = Object.entries(machine.packages).map(([name, version]) => [name, version]);
  return `# patchbay bench: ${results.mode} run of ${results.startedAt.toISOString().slice(0, 10)}

Started ${results.startedAt.toISOString()}, finished ${results.finishedAt.toISOString()}.
Every figure is the median of ${results.runsPerFigure} runs of ${results.runSeconds} s after a ${results.warmupSeconds} s warm-up that is thrown
away, with ${results.connections} connections; every ratio is to plain node:http measured in this same run.
A figure whose runs spread by more than ${NOISY_SPREAD_PERCENT} % of the median (interquartile range from 5 runs on) is marked "noisy": treat its ratios with care.
Absolute figures drift from machine to machine (and with whatever else the machine runs); ratios hold better.

## Machine

- ${machine.cores} cores (\`nproc\`), ${machine.cpuModel} (\`lscpu\`), Linux ${machine.kernel}
- Node ${machine.node}, npm ${machine.npm}, pnpm ${machine.pnpm}
- Load generator: ${machine.loadGenerator}; nginx: ${machine.nginx ?? "not installed"}
- Pinning: ${machine.pinning}

## Commands

\`\`\`
${results.command}
${commands.join("\n")}
\`\`\`

Servers are started by the bench as child processes on 127.0.0.1 port 0 (nginx on a port picked just before),
through \`sh -c 'ulimit -n "$(ulimit -Hn)"; exec "$@"'\` (the open-file limit for the idle section) and taskset;
\`$TMP\` is the run's scratch folder (static files, nginx prefix and the config written by \`bench/src/nginx-server.ts\`):

\`\`\`
${serverCommands.join("\n")}
\`\`\`

## Targets

${table(["issue", "target", "measured", "", "note"], targetRows)}

## Hello world, keep-alive

The bare gateway app and each framework's hello route (registered among 100 routes), 13 bytes of text/plain.

${helloSection(results, "hello")}

## Hello world, pipelined (depth ${results.pipelineDepth})

wrk writes 16 requests at once per connection and counts every response; its latencies here are per batch.

${helloSection(results, "pipelined")}

## Static files

Each patchbay server mounts the folder at /static (its cached fast path) in front of the bare app; sirv and send run on
node:http; nginx has one worker, sendfile and an open-file cache.

${staticSection(results)}

## server-cluster scaling

server-cluster with its default engine (server-loop's, \`--engine loop\`) in each worker, the bare app; the arbiter
and the workers share the CPUs listed under Machine.

${clusterSection(results)}

## Idle keep-alive connections

Each connection made one request and then stayed idle (\`bench/src/idle-client.ts\`, pinned to the load CPU);
RSS is the server process tree's VmRSS read one second after the last connection opened.

${idleSection(results)}

## In-process framework dispatch (issue 6)

The hello route among 100 registered routes (half static, half with one parameter), through the gateway's shared
writer into a MemorySink, no socket, against the bare gateway app on the same route. Each app runs in processes of
its own, as a server runs one app: \`taskset -c 0 node --import tsx bench/src/dispatch-runner.ts APP WARMUP_MS RUN_MS RUNS\`
${dispatchSettingsText(results)}, the apps' order rotated each round. A process's figure is the median of its runs;
an app's figure is the median of its processes'. The sink keeps a string body as text (a server's sink encodes it in
its socket write), so neither the baseline nor a string body pays for encoding here.

${dispatchSection(results)}

## Not measured

${failureRows.length === 0 ? "Everything planned was measured." : table(["section", "server", "what", "why"], failureRows)}

## Notes

${results.notes.length === 0 ? "None." : results.notes.map((note) => `- ${note}`).join("\n")}

## Package versions

${table(["package", "version"], packageRows)}
`;
}
