/**
 * The error log every server writes: gunicorn-style lines `[2026-11-24 19:30:00 +0000] [pid] [INFO] msg`
 * on stderr. It formats and filters by level; it never decides what is worth logging.
 */
import { inspect } from "node:util";
import { ServerKitError } from "./errors.js";
import type { Logger, LogLevel } from "./server-types.js";

/** The log levels, most verbose first; a logger writes its own level and every level after it. */
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warning", "error", "critical"];

/** Options of createLogger. */
export interface LoggerOptions {
  /** Lowest level written. Default "info". */
  level?: LogLevel;
  /** Receives each formatted line, newline included. Default: process.stderr.write. */
  write?: (text: string) => void;
  /** Process id shown on each line. Default process.pid. */
  pid?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

const LEVEL_LABELS: Readonly<Record<LogLevel, string>> = {
  debug: "DEBUG",
  info: "INFO",
  warning: "WARNING",
  error: "ERROR",
  critical: "CRITICAL",
};

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** Local time with its UTC offset, as gunicorn prints it: "2026-11-24 19:30:00 +0000". */
export function formatLogTime(milliseconds: number): string {
  const date = new Date(milliseconds);
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ` +
    `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`
  );
}

/** The stack of an error and of each `cause` below it, indented under the log line. */
function describeError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : inspect(current);
    lines.push((depth === 0 ? "" : "Caused by: ") + text);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join("\n").replace(/^/gm, "  ");
}

/** True when `value` names a log level. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && (LOG_LEVELS as readonly string[]).includes(value);
}

class StderrLogger implements Logger {
  readonly level: LogLevel;
  readonly #threshold: number;
  readonly #write: (text: string) => void;
  readonly #pid: number;
  readonly #now: () => number;

  constructor(options: LoggerOptions) {
    const level = options.level ?? "info";
    if (!isLogLevel(level)) throw new ServerKitError("ERR_KIT_INVALID_OPTION", `log level must be one of ${LOG_LEVELS.join(", ")}, got ${JSON.stringify(level)}`);
    this.level = level;
    this.#threshold = LOG_LEVELS.indexOf(level);
    this.#write = options.write ?? ((text) => process.stderr.write(text));
    this.#pid = options.pid ?? process.pid;
    this.#now = options.now ?? Date.now;
  }

  #log(level: LogLevel, message: string, error?: unknown): void {
    if (LOG_LEVELS.indexOf(level) < this.#threshold) return;
    const line = `[${formatLogTime(this.#now())}] [${this.#pid}] [${LEVEL_LABELS[level]}] ${message}\n`;
    this.#write(error === undefined ? line : `${line}${describeError(error)}\n`);
  }

  debug(message: string): void {
    this.#log("debug", message);
  }

  info(message: string): void {
    this.#log("info", message);
  }

  warning(message: string): void {
    this.#log("warning", message);
  }

  error(message: string, error?: unknown): void {
    this.#log("error", message, error);
  }

  /** Logs at "critical": the server cannot go on. */
  critical(message: string, error?: unknown): void {
    this.#log("critical", message, error);
  }
}

/**
 * Creates the server's error log: one line per message on stderr (default level "info"), with the stack
 * and cause chain of an error indented below its line.
 */
export function createLogger(options: LoggerOptions = {}): Logger & { critical(message: string, error?: unknown): void } {
  return new StderrLogger(options);
}
