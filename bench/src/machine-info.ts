// Describes the machine and the tool versions for the report header; reads, never changes anything.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, release } from "node:os";
import type { MachineInfo } from "./bench-results.js";

/** Packages whose versions the report lists. */
const REPORTED_PACKAGES = [
  "@patchbay/gateway",
  "@patchbay/server-loop",
  "@patchbay/server-socket",
  "@patchbay/server-cluster",
  "@patchbay/framework-routes",
  "@patchbay/framework-chain",
  "@patchbay/framework-resources",
  "fastify",
  "hono",
  "@hono/node-server",
  "sirv",
  "send",
  "autocannon",
] as const;

function commandOutput(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, [...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "?";
  }
}

function cpuModel(): string {
  const line = commandOutput("lscpu", []).split("\n").find((text) => text.startsWith("Model name:"));
  return line === undefined ? (cpus()[0]?.model ?? "?") : line.slice("Model name:".length).trim();
}

function packageVersion(require: NodeJS.Require, name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** Collects `nproc`, the `lscpu` model, kernel, node/npm/pnpm versions and the versions of the packages measured. */
export function machineInfo(loadGenerator: string, nginx: string | undefined, pinning: string): MachineInfo {
  const require = createRequire(import.meta.url);
  const packages: Record<string, string> = {};
  for (const name of REPORTED_PACKAGES) packages[name] = packageVersion(require, name);
  return {
    cores: Number(commandOutput("nproc", [])) || cpus().length,
    cpuModel: cpuModel(),
    kernel: release(),
    node: process.version,
    npm: commandOutput("npm", ["--version"]),
    pnpm: commandOutput("pnpm", ["--version"]),
    loadGenerator,
    nginx,
    packages,
    pinning,
  };
}
