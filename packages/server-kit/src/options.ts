/**
 * Fills in and checks server options: every default a patchbay server uses is stated here, once.
 * Runs at startup only; it never opens files or sockets.
 */
import { ServerKitError } from "./errors.js";
import { createLogger } from "./logger.js";
import type { BindAddress, Logger, ServerLimits, ServerOptions, ServerOptionsInput, ServerTimeouts, StaticMount } from "./server-types.js";

/** Default host: loopback only, so a server started by hand is not exposed by accident. */
export const DEFAULT_HOST = "127.0.0.1";
/** Default TCP port (gunicorn's). */
export const DEFAULT_PORT = 8000;

/** Default request limits (gunicorn's where it has one). */
export const DEFAULT_LIMITS: Readonly<ServerLimits> = {
  maxRequestLineBytes: 8190,
  maxHeaderCount: 100,
  maxHeaderBytes: 16384,
  maxBodyBytes: 1024 * 1024 * 1024,
  maxConnections: 10000,
};

/** Default timeouts in milliseconds. */
export const DEFAULT_TIMEOUTS: Readonly<ServerTimeouts> = {
  keepAliveMs: 5000,
  headersMs: 10000,
  requestMs: 60000,
  gracefulMs: 30000,
};

/** Highest TCP port number (RFC 6335 §6). */
const MAX_PORT = 65535;

/** A bad value as a message shows it: primitives as written, anything else by its type. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function invalid(message: string): ServerKitError {
  return new ServerKitError("ERR_KIT_INVALID_OPTION", message);
}

function checkBind(bind: unknown, index: number): BindAddress {
  if (typeof bind !== "object" || bind === null) throw invalid(`bind[${index}] must be {host, port} or {path}`);
  if ("path" in bind) {
    const path = (bind as { path: unknown }).path;
    if (typeof path !== "string" || path === "") throw invalid(`bind[${index}].path must be a non-empty socket path`);
    return { path };
  }
  const { host, port } = bind as { host?: unknown; port?: unknown };
  if (typeof host !== "string" || host === "") throw invalid(`bind[${index}].host must be a non-empty host name or address`);
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > MAX_PORT) throw invalid(`bind[${index}].port must be an integer from 0 to ${MAX_PORT}, got ${show(port)}`);
  return { host, port };
}

function checkMount(mount: unknown, index: number): StaticMount {
  if (typeof mount !== "object" || mount === null) throw invalid(`static[${index}] must be {prefix, directory}`);
  const { prefix, directory } = mount as { prefix?: unknown; directory?: unknown };
  if (typeof prefix !== "string" || !prefix.startsWith("/")) throw invalid(`static[${index}].prefix must start with "/", got ${JSON.stringify(prefix)}`);
  if (typeof directory !== "string" || directory === "") throw invalid(`static[${index}].directory must be a non-empty path`);
  return { prefix: prefix.length > 1 ? prefix.replace(/\/+$/, "") : prefix, directory };
}

function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) throw invalid(`${name} must be a positive integer, got ${show(value)}`);
  return value;
}

function milliseconds(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw invalid(`${name} must be a number of milliseconds >= 0, got ${show(value)}`);
  return Math.round(value);
}

function checkLogger(logger: unknown): Logger {
  const candidate = logger as Partial<Logger> | null;
  if (typeof candidate !== "object" || candidate === null || typeof candidate.info !== "function" || typeof candidate.error !== "function" || typeof candidate.warning !== "function" || typeof candidate.debug !== "function") {
    throw invalid("logger must have debug, info, warning and error methods");
  }
  return candidate as Logger;
}

function checkEnviron(environ: unknown): Record<string, string> {
  if (environ === undefined) return {};
  if (typeof environ !== "object" || environ === null) throw invalid("environ must be an object of string values");
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(environ)) {
    if (key === "") throw invalid("environ keys must not be empty");
    if (typeof value !== "string") throw invalid(`environ[${JSON.stringify(key)}] must be a string, got ${typeof value}`);
    copy[key] = value;
  }
  return copy;
}

/**
 * Applies defaults and validates. Defaults: bind 127.0.0.1:8000 (or `host`/`port` when given), no
 * document root, no static mounts, no static Cache-Control, DEFAULT_LIMITS, DEFAULT_TIMEOUTS, no extra
 * environ keys, an "info" logger on stderr, no access log, no stop signal, multiprocess false.
 * Throws ServerKitError ERR_KIT_INVALID_OPTION naming the first bad option.
 */
export function resolveServerOptions(input: ServerOptionsInput = {}): ServerOptions {
  if (typeof input !== "object" || input === null) throw invalid("options must be an object");
  let bind: BindAddress[];
  if (input.bind !== undefined) {
    if (!Array.isArray(input.bind) || input.bind.length === 0) throw invalid("bind must be a non-empty array of addresses");
    if (input.host !== undefined || input.port !== undefined) throw invalid("give either bind or host/port, not both");
    bind = input.bind.map(checkBind);
  } else {
    bind = [checkBind({ host: input.host ?? DEFAULT_HOST, port: input.port ?? DEFAULT_PORT }, 0)];
  }
  if (input.root !== undefined && (typeof input.root !== "string" || input.root === "")) throw invalid("root must be a non-empty directory path");
  const mounts = input.static ?? [];
  if (!Array.isArray(mounts)) throw invalid("static must be an array of {prefix, directory}");
  const cacheControl = input.staticCacheControl;
  if (cacheControl !== undefined && (typeof cacheControl !== "string" || cacheControl === "" || /[\r\n\0]/.test(cacheControl))) {
    throw invalid("staticCacheControl must be a header value without CR, LF or NUL");
  }

  const limits = input.limits ?? {};
  const timeouts = input.timeouts ?? {};
  const resolvedTimeouts: ServerTimeouts = {
    keepAliveMs: milliseconds(timeouts.keepAliveMs, "timeouts.keepAliveMs", DEFAULT_TIMEOUTS.keepAliveMs),
    headersMs: milliseconds(timeouts.headersMs, "timeouts.headersMs", DEFAULT_TIMEOUTS.headersMs),
    requestMs: milliseconds(timeouts.requestMs, "timeouts.requestMs", DEFAULT_TIMEOUTS.requestMs),
    gracefulMs: milliseconds(timeouts.gracefulMs, "timeouts.gracefulMs", DEFAULT_TIMEOUTS.gracefulMs),
  };
  // The head is part of the request, so it cannot be allowed longer than the whole request (0 = no limit).
  if (resolvedTimeouts.requestMs > 0 && resolvedTimeouts.headersMs > resolvedTimeouts.requestMs) {
    throw invalid(`timeouts.headersMs (${resolvedTimeouts.headersMs}) must not exceed timeouts.requestMs (${resolvedTimeouts.requestMs})`);
  }
  if (input.signal !== undefined && !(input.signal instanceof AbortSignal)) throw invalid("signal must be an AbortSignal");
  if (input.multiprocess !== undefined && typeof input.multiprocess !== "boolean") throw invalid("multiprocess must be a boolean");
  const accessLog = input.accessLog ?? null;
  if (accessLog !== null && (typeof accessLog !== "object" || typeof accessLog.write !== "function" || typeof accessLog.reopen !== "function")) {
    throw invalid("accessLog must have write and reopen methods, or be null");
  }

  return {
    bind,
    root: input.root,
    static: mounts.map(checkMount),
    staticCacheControl: cacheControl,
    limits: {
      maxRequestLineBytes: positiveInteger(limits.maxRequestLineBytes, "limits.maxRequestLineBytes", DEFAULT_LIMITS.maxRequestLineBytes),
      maxHeaderCount: positiveInteger(limits.maxHeaderCount, "limits.maxHeaderCount", DEFAULT_LIMITS.maxHeaderCount),
      maxHeaderBytes: positiveInteger(limits.maxHeaderBytes, "limits.maxHeaderBytes", DEFAULT_LIMITS.maxHeaderBytes),
      maxBodyBytes: positiveInteger(limits.maxBodyBytes, "limits.maxBodyBytes", DEFAULT_LIMITS.maxBodyBytes),
      maxConnections: positiveInteger(limits.maxConnections, "limits.maxConnections", DEFAULT_LIMITS.maxConnections),
    },
    timeouts: resolvedTimeouts,
    environ: checkEnviron(input.environ),
    logger: input.logger === undefined ? createLogger() : checkLogger(input.logger),
    accessLog,
    signal: input.signal,
    multiprocess: input.multiprocess ?? false,
  };
}
