// Remembers every child process the bench started so that each one is ended, by its PID, on every path out.
import type { ChildProcess } from "node:child_process";

/** The set of the bench's live child processes. */
export class ProcessTracker {
  readonly #children = new Set<ChildProcess>();

  /** Tracks `child` until it exits; returns it. */
  add<Child extends ChildProcess>(child: Child): Child {
    this.#children.add(child);
    child.once("exit", () => this.#children.delete(child));
    return child;
  }

  /** Sends `signal` to every live child, by PID (default SIGKILL: the bench is leaving). */
  killAll(signal: NodeJS.Signals = "SIGKILL"): void {
    for (const child of this.#children) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill(signal);
    }
  }

  /** How many children are still running. */
  get size(): number {
    return this.#children.size;
  }
}
