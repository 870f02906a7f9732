// Reads resident memory (VmRSS) of a process and its descendants from /proc; Linux only, read-only.
import { readdirSync, readFileSync } from "node:fs";

const KIB_BYTES = 1024;

function readRssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match === null ? 0 : Number(match[1]) * KIB_BYTES;
  } catch {
    return 0; // gone, or not Linux
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces; the fields after ")" are "state ppid ...".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

/** The PIDs of `rootPid` and every descendant (a cluster's workers, nginx's worker). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [rootPid];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    const list = children.get(parent);
    if (list === undefined) children.set(parent, [pid]);
    else list.push(pid);
  }
  const tree: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Total VmRSS in bytes of `rootPid` and its descendants; 0 when /proc cannot be read. */
export function treeRssBytes(rootPid: number): number {
  let total = 0;
  for (const pid of processTree(rootPid)) total += readRssBytes(pid);
  return total;
}
