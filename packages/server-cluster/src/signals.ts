/**
 * What each signal means to the arbiter, as a table (gunicorn's handle_<signal> methods), and the code that
 * installs it on a process. It maps signals to actions; the actions themselves are the arbiter's.
 */
import type { Logger } from "@patchbay/server-kit";

/** What the arbiter can be asked to do from outside. */
export interface ArbiterActions {
  /** Stop accepting, drain in-flight requests (graceful timeout), exit. */
  stopGracefully(): void;
  /** Close every connection now and exit. */
  stopQuickly(): void;
  /** Zero-downtime reload: new workers (loading the app again) first, then the old ones drain. */
  reload(): void;
  /** One worker more. */
  addWorker(): void;
  /** One worker fewer. */
  removeWorker(): void;
  /** Reopen log files in every process. */
  reopenLogs(): void;
}

/** One row of the signal table. */
export interface SignalEntry {
  signal: NodeJS.Signals;
  action: keyof ArbiterActions;
  /** What it does, for the log line and the README. */
  description: string;
}

/** The signal table: one entry per signal the arbiter handles (gunicorn's meanings). */
export const SIGNAL_TABLE: readonly SignalEntry[] = [
  { signal: "SIGTERM", action: "stopGracefully", description: "graceful stop: drain in-flight requests, then exit" },
  { signal: "SIGINT", action: "stopQuickly", description: "quick stop: close every connection, then exit" },
  { signal: "SIGQUIT", action: "stopQuickly", description: "quick stop: close every connection, then exit" },
  { signal: "SIGHUP", action: "reload", description: "reload: start new workers, then gracefully stop the old ones" },
  { signal: "SIGTTIN", action: "addWorker", description: "one worker more" },
  { signal: "SIGTTOU", action: "removeWorker", description: "one worker fewer" },
  { signal: "SIGUSR1", action: "reopenLogs", description: "reopen log files" },
];

/** The part of `process` signal handling needs (a stub in tests). */
export interface SignalTarget {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

/**
 * Installs one handler per SIGNAL_TABLE entry on `target` (default process), each logging the signal and
 * running its action. Returns a function that removes them all.
 */
export function installSignalHandlers(actions: ArbiterActions, logger: Logger, target: SignalTarget = process): () => void {
  const installed = SIGNAL_TABLE.map((entry) => {
    const listener = (): void => {
      logger.info(`Received ${entry.signal}: ${entry.description}`);
      actions[entry.action]();
    };
    target.on(entry.signal, listener);
    return [entry.signal, listener] as const;
  });
  return () => {
    for (const [signal, listener] of installed) target.off(signal, listener);
  };
}
