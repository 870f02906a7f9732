/** A Logger that keeps every entry in memory, so cases can assert what a server logged. No I/O. */
import type { Logger, LogLevel } from "@patchbay/server-kit";

/** One logged message. */
export interface LogEntry {
  level: LogLevel;
  message: string;
  /** The error passed to logger.error, if any. */
  error: unknown;
}

/** Records entries at every level (level "debug"); prints nothing. */
export class MemoryLogger implements Logger {
  readonly level: LogLevel = "debug";
  readonly entries: LogEntry[] = [];

  debug(message: string): void {
    this.entries.push({ level: "debug", message, error: undefined });
  }

  info(message: string): void {
    this.entries.push({ level: "info", message, error: undefined });
  }

  warning(message: string): void {
    this.entries.push({ level: "warning", message, error: undefined });
  }

  error(message: string, error?: unknown): void {
    this.entries.push({ level: "error", message, error });
  }

  /** Entries logged at `level`. */
  at(level: LogLevel): LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }
}
