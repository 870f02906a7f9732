// Lists the servers the idle-connection section starts and how; plans only, starts nothing.
import { join } from "node:path";
import type { BenchOptions } from "./bench-options.js";
import type { FailedFigure } from "./bench-results.js";
import type { CpuPinning } from "./cpu-pinning.js";
import type { IdleTarget } from "./idle-section.js";
import { freePort, nginxSpec } from "./nginx-server.js";
import { baselineServerSpec, patchbayServerSpec, type PatchbayServer } from "./server-catalog.js";

/** Quick mode holds connections on these only. */
const QUICK_IDLE_SERVERS: ReadonlySet<string> = new Set(["server-loop", "server-socket", "node:http"]);

/** The idle targets: each patchbay server with the bare app, node:http, fastify, hono, and nginx when installed. */
export function planIdleTargets(
  options: BenchOptions,
  pinning: CpuPinning,
  benchDirectory: string,
  servers: readonly PatchbayServer[],
  nginx: { path: string; prefix: string; root: string } | undefined,
): { targets: IdleTarget[]; missing: FailedFigure[] } {
  const targets: IdleTarget[] = [];
  const missing: FailedFigure[] = [];
  const cpus = pinning.serverCpus;
  const variant = `${options.idleConnections} idle`;
  const bareApp = `${join(benchDirectory, "apps", "bare-app.ts")}:app`;
  const baseline = (server: string, script: string): void => {
    targets.push({ server, spec: () => Promise.resolve(baselineServerSpec(benchDirectory, pinning, server, script, [], cpus)) });
  };
  baseline("node:http", "node-http-hello.ts");
  for (const server of servers) {
    if (server.missing !== undefined) {
      missing.push({ section: "idle", server: server.name, variant, reason: server.missing });
      continue;
    }
    const workers = server.name === "server-cluster" ? 1 : undefined;
    targets.push({ server: server.name, spec: () => Promise.resolve(patchbayServerSpec(server, pinning, `${server.name} idle`, { appReference: bareApp, cpus, ...(workers === undefined ? {} : { workers }) })) });
  }
  baseline("fastify", "fastify-hello.ts");
  baseline("hono", "hono-hello.ts");
  if (nginx !== undefined) targets.push({ server: "nginx", spec: async () => nginxSpec(nginx.path, nginx.prefix, nginx.root, await freePort(), pinning, cpus) });
  const chosen = options.mode === "quick" ? targets.filter((target) => QUICK_IDLE_SERVERS.has(target.server)) : targets;
  return { targets: chosen, missing: missing.filter((failure) => options.mode === "full" || QUICK_IDLE_SERVERS.has(failure.server)) };
}
