// Knows every server the bench can start and the command line that starts it; starts nothing itself.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ChildServerSpec } from "./child-server.js";
import { pinnedCommand, type CpuPinning } from "./cpu-pinning.js";

/** A patchbay server package of the monorepo. */
export interface PatchbayServer {
  /** Package folder name, e.g. "server-loop". */
  name: string;
  /** Absolute path of its bin, or undefined when the package has none yet. */
  binPath: string | undefined;
  /** Package version ("0.1.0"). */
  version: string;
  /** Why it cannot run, when it cannot. */
  missing: string | undefined;
}

/** The three patchbay servers, in report order. */
export const PATCHBAY_SERVER_NAMES = ["server-loop", "server-socket", "server-cluster"] as const;

/** Keep-alive idle time given to every server under test, so the idle-connection section's connections stay open. */
export const BENCH_KEEP_ALIVE_SECONDS = 120;
/** Connection limit given to the patchbay servers (their default, 10,000, would refuse the idle section's extra probe). */
export const BENCH_CONNECTION_LIMIT = 20_000;

interface ServerPackageJson {
  version: string;
  bin?: Record<string, string>;
}

/** Finds each patchbay server's bin through its package.json; a server whose bin file does not exist yet is `missing`. */
export function findPatchbayServers(): PatchbayServer[] {
  const require = createRequire(import.meta.url);
  return PATCHBAY_SERVER_NAMES.map((name) => {
    let packageJsonPath: string;
    try {
      packageJsonPath = require.resolve(`@patchbay/${name}/package.json`);
    } catch {
      return { name, binPath: undefined, version: "?", missing: `@patchbay/${name} is not installed in the bench package` };
    }
    const packageJson = JSON.parse(readFileSync(packageJsonPath, "utf8")) as ServerPackageJson;
    const binRelative = packageJson.bin === undefined ? undefined : Object.values(packageJson.bin)[0];
    if (binRelative === undefined) return { name, binPath: undefined, version: packageJson.version, missing: "its package.json has no bin yet" };
    const binPath = join(dirname(packageJsonPath), binRelative);
    const builtBin = join(dirname(packageJsonPath), "dist", "bin.js");
    if (!existsSync(binPath) || !existsSync(builtBin)) return { name, binPath: undefined, version: packageJson.version, missing: "its bin is not built yet (no dist/bin.js)" };
    return { name, binPath, version: packageJson.version, missing: undefined };
  });
}

/** What a server under test should serve. */
export interface LaunchOptions {
  /** Absolute "path/to/app.ts:app" reference (patchbay servers) or undefined for none. */
  appReference?: string;
  /** Folder served under /static (patchbay servers: --static /static=DIR). */
  staticDirectory?: string;
  /** server-cluster's --workers. */
  workers?: number;
  /** CPU list the server is pinned to. */
  cpus: string;
}

/**
 * Wraps a command so the child raises its open-file limit to the hard limit first (the idle section needs
 * 10,000 sockets), then execs taskset and the server: the PID the bench holds is the server's own.
 */
export function serverCommand(pinning: CpuPinning, cpus: string, command: string, args: readonly string[]): { command: string; args: string[] } {
  const pinned = pinnedCommand(pinning, cpus, command, args);
  return { command: "sh", args: ["-c", 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', "sh", pinned.command, ...pinned.args] };
}

/** The spec that starts a patchbay server's real bin on 127.0.0.1 port 0 with `options`. */
export function patchbayServerSpec(server: PatchbayServer, pinning: CpuPinning, label: string, options: LaunchOptions): ChildServerSpec {
  if (server.binPath === undefined) throw new Error(`${server.name} cannot start: ${server.missing ?? "no bin"}`);
  const args = [server.binPath, "--bind", "127.0.0.1:0", "--keep-alive", String(BENCH_KEEP_ALIVE_SECONDS), "--limit-connections", String(BENCH_CONNECTION_LIMIT)];
  if (options.staticDirectory !== undefined) args.push("--static", `/static=${options.staticDirectory}`);
  if (options.workers !== undefined) args.push("--workers", String(options.workers));
  if (options.appReference !== undefined) args.push(options.appReference);
  const { command, args: wrapped } = serverCommand(pinning, options.cpus, process.execPath, args);
  return { label, command, args: wrapped };
}

/** The spec that starts one of bench/servers/*.ts (a baseline) with node and the tsx loader. */
export function baselineServerSpec(benchDirectory: string, pinning: CpuPinning, label: string, script: string, scriptArgs: readonly string[], cpus: string): ChildServerSpec {
  const args = ["--import", "tsx", join(benchDirectory, "servers", script), ...scriptArgs];
  const { command, args: wrapped } = serverCommand(pinning, cpus, process.execPath, args);
  return { label, command, args: wrapped, cwd: benchDirectory };
}
