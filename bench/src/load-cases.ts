// Decides which servers the load sections start and which URLs each is measured on; builds the plan, runs nothing.
import { join } from "node:path";
import { HELLO_PATH, HELLO_TEXT } from "../apps/hello-response.js";
import type { BenchOptions } from "./bench-options.js";
import type { FailedFigure, LoadSection } from "./bench-results.js";
import type { ChildServerSpec } from "./child-server.js";
import { clusterCpus, type CpuPinning } from "./cpu-pinning.js";
import { freePort, nginxSpec } from "./nginx-server.js";
import { baselineServerSpec, patchbayServerSpec, type PatchbayServer } from "./server-catalog.js";
import { formatSize, STATIC_URL_PREFIX, staticFileName } from "./static-files.js";

/** One URL measured on a started server. */
export interface PlannedMeasurement {
  section: LoadSection;
  server: string;
  variant: string;
  path: string;
  expectedBytes: number;
  pipelineDepth: number;
  note: string | undefined;
}

/** One server process and what is measured on it before it is stopped. */
export interface LoadCase {
  label: string;
  /** Builds the start spec (async: nginx needs a port picked just before it starts). */
  spec: () => Promise<ChildServerSpec>;
  /** CPU list of the load generator while this server runs; undefined when nothing is pinned. */
  loadCpus: string | undefined;
  measurements: PlannedMeasurement[];
}

/** What the plan is built from. */
export interface PlanInput {
  options: BenchOptions;
  pinning: CpuPinning;
  benchDirectory: string;
  /** The folder holding `static/` (served as root by sirv, send and nginx). */
  staticRoot: string;
  /** `staticRoot/static` (mounted at /static by the patchbay servers). */
  staticDirectory: string;
  servers: readonly PatchbayServer[];
  nginx: { path: string; prefix: string } | undefined;
}

/** The frameworks' bench apps by short name, and the bare gateway app. */
export const BENCH_APPS = ["bare", "routes", "chain", "resources"] as const;

/** The plan and the figures it cannot have (a server not there yet, nginx not installed). */
export interface LoadPlan {
  cases: LoadCase[];
  missing: FailedFigure[];
}

function appReference(benchDirectory: string, app: string): string {
  return `${join(benchDirectory, "apps", `${app}-app.ts`)}:app`;
}

/** Builds the load plan for the sections selected in `input.options`, node:http first (every ratio's denominator). */
export function planLoadCases(input: PlanInput): LoadPlan {
  const { options, pinning, benchDirectory } = input;
  const cases: LoadCase[] = [];
  const missing: FailedFigure[] = [];
  const serverCpus = pinning.serverCpus;
  const loadCpus = pinning.enabled ? pinning.loadCpus : undefined;
  const wants = (section: LoadSection): boolean => options.sections.has(section);
  const hello = (server: string, variant: string, pipelined: boolean): PlannedMeasurement[] => {
    const list: PlannedMeasurement[] = [];
    const expectedBytes = HELLO_TEXT.length;
    if (wants("hello")) list.push({ section: "hello", server, variant, path: HELLO_PATH, expectedBytes, pipelineDepth: 1, note: undefined });
    if (pipelined && wants("pipelined")) list.push({ section: "pipelined", server, variant, path: HELLO_PATH, expectedBytes, pipelineDepth: options.pipelineDepth, note: undefined });
    return list;
  };
  const staticMeasurements = (server: string): PlannedMeasurement[] =>
    wants("static")
      ? options.staticSizes.map((size) => ({ section: "static" as const, server, variant: formatSize(size), path: `${STATIC_URL_PREFIX}/${staticFileName(size)}`, expectedBytes: size, pipelineDepth: 1, note: undefined }))
      : [];
  const baseline = (label: string, script: string, measurements: PlannedMeasurement[], scriptArgs: readonly string[] = []): void => {
    if (measurements.length > 0) cases.push({ label, spec: () => Promise.resolve(baselineServerSpec(benchDirectory, pinning, label, script, scriptArgs, serverCpus)), loadCpus, measurements });
  };

  // Hello world and pipelining: the baselines, then each patchbay server with each app.
  baseline("node:http", "node-http-hello.ts", hello("node:http", "hello", true));
  baseline("node:net ceiling", "node-net-ceiling.ts", hello("node:net ceiling", "fixed response", true));
  baseline("fastify", "fastify-hello.ts", hello("fastify", "hello", false));
  baseline("hono", "hono-hello.ts", hello("hono", "hello", false));
  for (const server of input.servers) {
    // Quick mode: server-cluster's one-worker hello is the cluster section's first figure already.
    if (server.name === "server-cluster" && !options.allApps && wants("cluster")) continue;
    const apps = options.allApps ? BENCH_APPS : (["bare"] as const);
    for (const app of apps) {
      // Only server-socket pipelines (issue 4); node:http is measured pipelined above for reference.
      const workers = server.name === "server-cluster" ? 1 : undefined;
      const serverName = workers === undefined ? server.name : `${server.name} (1 worker)`;
      const measurements = hello(serverName, app, server.name === "server-socket" && app === "bare");
      if (measurements.length === 0) continue;
      if (server.missing !== undefined) {
        for (const measurement of measurements) missing.push({ section: measurement.section, server: serverName, variant: app, reason: server.missing });
        continue;
      }
      const label = `${serverName} + ${app}`;
      cases.push({ label, spec: () => Promise.resolve(patchbayServerSpec(server, pinning, label, { appReference: appReference(benchDirectory, app), cpus: serverCpus, ...(workers === undefined ? {} : { workers }) })), loadCpus, measurements });
    }
  }

  // Static files: sirv, send, nginx, then each patchbay server (bare app behind the /static mount).
  baseline("sirv", "sirv-static.ts", staticMeasurements("sirv"), [input.staticRoot]);
  baseline("send", "send-static.ts", staticMeasurements("send"), [input.staticRoot]);
  const nginxMeasurements = staticMeasurements("nginx");
  if (nginxMeasurements.length > 0) {
    const nginx = input.nginx;
    if (nginx === undefined) for (const measurement of nginxMeasurements) missing.push({ section: "static", server: "nginx", variant: measurement.variant, reason: "nginx is not installed (Debian: apt-get install nginx)" });
    else cases.push({ label: "nginx", spec: async () => nginxSpec(nginx.path, nginx.prefix, input.staticRoot, await freePort(), pinning, serverCpus), loadCpus, measurements: nginxMeasurements });
  }
  for (const server of input.servers) {
    // Quick mode leaves server-cluster's static figures out: they are server-loop's engine behind an arbiter.
    if (server.name === "server-cluster" && !options.allApps) continue;
    const workers = server.name === "server-cluster" ? 1 : undefined;
    const measurements = staticMeasurements(workers === undefined ? server.name : `${server.name} (1 worker)`);
    if (measurements.length === 0) continue;
    if (server.missing !== undefined) {
      for (const measurement of measurements) missing.push({ section: "static", server: measurement.server, variant: measurement.variant, reason: server.missing });
      continue;
    }
    const label = `${server.name} static`;
    cases.push({
      label,
      spec: () => Promise.resolve(patchbayServerSpec(server, pinning, label, { appReference: appReference(benchDirectory, "bare"), staticDirectory: input.staticDirectory, cpus: serverCpus, ...(workers === undefined ? {} : { workers }) })),
      loadCpus,
      measurements,
    });
  }

  // server-cluster scaling: 1..cores workers, each on its own core where there is one.
  const cluster = input.servers.find((server) => server.name === "server-cluster");
  if (wants("cluster") && cluster !== undefined) {
    for (let workers = 1; workers <= Math.max(1, pinning.cores); workers++) {
      const variant = `${workers} worker${workers === 1 ? "" : "s"}`;
      if (cluster.missing !== undefined) {
        missing.push({ section: "cluster", server: cluster.name, variant, reason: cluster.missing });
        continue;
      }
      const cpus = clusterCpus(pinning, workers);
      const note = pinning.enabled && cpus.loadShares && workers > 1 ? `the load generator shares CPU ${cpus.loadCpus} with a worker` : undefined;
      const label = `server-cluster --workers ${workers}`;
      cases.push({
        label,
        spec: () => Promise.resolve(patchbayServerSpec(cluster, pinning, label, { appReference: appReference(benchDirectory, "bare"), workers, cpus: cpus.serverCpus })),
        loadCpus: pinning.enabled ? cpus.loadCpus : undefined,
        measurements: [{ section: "cluster", server: "server-cluster", variant, path: HELLO_PATH, expectedBytes: HELLO_TEXT.length, pipelineDepth: 1, note }],
      });
    }
  }
  return { cases, missing };
}
