/**
 * The surface every patchbay server shares: resolved options and the Server handle.
 * Types only; `resolveServerOptions` (options.ts) fills defaults and validates.
 */
import type { Application } from "@patchbay/gateway";

/** Where a server listens: a TCP host/port or a unix socket path. */
export type BindAddress = { host: string; port: number } | { path: string };

/** A static-file mount: URL prefix -> directory (uWSGI static-map). */
export interface StaticMount {
  /** URL prefix starting with "/", without trailing "/" (e.g. "/assets"). */
  prefix: string;
  directory: string;
}

/** Request limits; a request over one gets the status RFC 9110/9112 gives it. */
export interface ServerLimits {
  /** Longest request line in bytes (414 beyond). Default 8190, like gunicorn. */
  maxRequestLineBytes: number;
  /** Most header fields in one request (431 beyond). Default 100. */
  maxHeaderCount: number;
  /** Largest total header section in bytes (431 beyond). Default 16384. */
  maxHeaderBytes: number;
  /** Largest request body in bytes (413 beyond). Default 1 GiB. */
  maxBodyBytes: number;
  /** Most simultaneous connections; more are refused. Default 10000. */
  maxConnections: number;
}

/** Timeouts in milliseconds. */
export interface ServerTimeouts {
  /** Idle time allowed between requests on a keep-alive connection. Default 5000. */
  keepAliveMs: number;
  /** Time allowed to receive a whole request head (slowloris guard). Default 10000. */
  headersMs: number;
  /** Time allowed to receive a whole request body. Default 60000. */
  requestMs: number;
  /** Grace period for in-flight requests on graceful stop before connections are forced closed. Default 30000. */
  gracefulMs: number;
}

/** Log levels, most verbose first. */
export type LogLevel = "debug" | "info" | "warning" | "error" | "critical";

/** The error/diagnostic log every server writes to. */
export interface Logger {
  readonly level: LogLevel;
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  /** Logs a message; when `error` is given, its stack (and cause) follows. */
  error(message: string, error?: unknown): void;
}

/** One finished request, as the access log sees it. */
export interface AccessRecord {
  remoteAddress: string;
  method: string;
  /** Raw request target. */
  target: string;
  protocol: string;
  status: number;
  /** Body bytes sent. */
  bytesSent: number;
  referer: string | undefined;
  userAgent: string | undefined;
  /** Request start, ms since epoch. */
  startedAt: number;
  /** Duration in microseconds. */
  durationMicros: number;
  /** Request headers, lower-case names (for %({name}i)s). */
  requestHeader(name: string): string | undefined;
}

/** Writes one access-log line per request (gunicorn `--access-logformat` variables). */
export interface AccessLog {
  write(record: AccessRecord): void;
  /** Reopens the log file (SIGUSR1). */
  reopen(): void;
}

/** Fully resolved server options (see resolveServerOptions for defaults). */
export interface ServerOptions {
  bind: BindAddress[];
  /** Document root: a request for an existing file there is served as static, else handed to the app. */
  root: string | undefined;
  static: StaticMount[];
  /** Cache-Control header for static files, e.g. "public, max-age=3600". */
  staticCacheControl: string | undefined;
  limits: ServerLimits;
  timeouts: ServerTimeouts;
  /** Extra environ keys injected into every request (--env KEY=VALUE). */
  environ: Record<string, string>;
  logger: Logger;
  /** null: no access log. */
  accessLog: AccessLog | null;
  /** Aborting it stops the server gracefully. */
  signal: AbortSignal | undefined;
  /** Value of `gateway.multiprocess` (true under server-cluster). */
  multiprocess: boolean;
}

/** What callers may pass: any subset; nested objects may be partial. */
export type ServerOptionsInput = Partial<Omit<ServerOptions, "limits" | "timeouts">> & {
  limits?: Partial<ServerLimits>;
  timeouts?: Partial<ServerTimeouts>;
  /** Shorthand for bind: [{host, port}] (PORT/HOST environment variables apply in the CLI only). */
  host?: string;
  port?: number;
};

/** A listening address as bound (port resolved when 0 was asked). */
export type ServerAddress = { host: string; port: number; url: string } | { path: string; url: string };

/** A running or runnable patchbay server; every server returns this shape. */
export interface Server {
  /** Binds every address; resolves with them (ports resolved). */
  listen(): Promise<ServerAddress[]>;
  /** Addresses bound so far. */
  readonly addresses: ServerAddress[];
  /**
   * Graceful stop: stop accepting, close idle keep-alive connections at once, let in-flight requests
   * finish, force-close after `gracefulMs` (default: options.timeouts.gracefulMs).
   */
  close(gracefulMs?: number): Promise<void>;
  /** Forced stop: destroys every connection now. */
  destroy(): Promise<void>;
}

/** The factory every server package exports as `createServer`. */
export type CreateServer = (app: Application, options?: ServerOptionsInput) => Server;
