// Decides which CPUs the server and the load generator run on, and wraps a command in taskset; never starts anything itself.
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

/** Where the bench places processes. */
export interface CpuPinning {
  /** True when taskset exists and there are at least 2 cores. */
  enabled: boolean;
  /** Cores on this machine (os.availableParallelism()). */
  cores: number;
  /** CPU list for a single-process server, e.g. "0". */
  serverCpus: string;
  /** CPU list for the load generator, e.g. "1". */
  loadCpus: string;
  /** Why pinning is off, when it is. */
  note: string | undefined;
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Looks at the machine once: pins the server to CPU 0 and the load generator to CPU 1 when it can. */
export function detectCpuPinning(): CpuPinning {
  const cores = availableParallelism();
  const taskset = hasTaskset();
  const enabled = taskset && cores >= 2;
  const note = enabled ? undefined : taskset ? `only ${cores} core: server and load generator share it` : "taskset not found: processes are not pinned";
  return { enabled, cores, serverCpus: "0", loadCpus: "1", note };
}

/**
 * CPU lists for a server of `processes` processes (a cluster): CPUs 0..n-1, and the load generator on
 * the next free CPU, or on the last CPU (shared) when the server takes them all.
 */
export function clusterCpus(pinning: CpuPinning, processes: number): { serverCpus: string; loadCpus: string; loadShares: boolean } {
  const serverCount = Math.min(processes, pinning.cores);
  const serverCpus = serverCount <= 1 ? "0" : `0-${serverCount - 1}`;
  const loadShares = serverCount >= pinning.cores;
  const loadCpus = String(loadShares ? pinning.cores - 1 : serverCount);
  return { serverCpus, loadCpus, loadShares };
}

/** Prefixes `command` with `taskset -c cpus` when pinning is enabled (taskset execs, so the PID is the command's). */
export function pinnedCommand(pinning: CpuPinning, cpus: string, command: string, args: readonly string[]): { command: string; args: string[] } {
  return pinning.enabled ? { command: "taskset", args: ["-c", cpus, command, ...args] } : { command, args: [...args] };
}
