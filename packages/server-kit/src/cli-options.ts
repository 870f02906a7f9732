/**
 * Parses a server's command line (shared flags plus the server's own) into options. Pure: it reads only
 * the argv and environment it is given, and never loads modules, opens files or exits.
 */
import { parseArgs } from "node:util";
import { ServerKitError } from "./errors.js";
import { parsePort } from "./flag-values.js";
import { DEFAULT_HOST, DEFAULT_PORT } from "./options.js";
import { SERVER_FLAGS, type FlagDefinition } from "./server-flags.js";
import type { BindAddress, LogLevel, ServerLimits, ServerOptionsInput, ServerTimeouts, StaticMount } from "./server-types.js";

/** What a command line asks for. */
export interface CommandLine {
  /** The `path/to/module.ts:export` reference, or undefined to serve the demo. */
  application: string | undefined;
  help: boolean;
  version: boolean;
  /** Server options from the shared flags (no logger or access log: those are opened by the runner). */
  options: ServerOptionsInput;
  logLevel: LogLevel;
  /** --access-log: a file path or "-"; undefined for none. */
  accessLog: string | undefined;
  accessLogFormat: string | undefined;
  /** Every flag given, by long name, parsed (an array for repeatable flags); a server's own flags are read here. */
  values: ReadonlyMap<string, unknown>;
}

/** Options of parseCommandLine. */
export interface ParseCommandLineOptions {
  /** The server's own flags, added to SERVER_FLAGS. */
  extraFlags?: readonly FlagDefinition[];
  /** Environment variables (HOST, PORT). Default process.env. */
  environment?: Readonly<Record<string, string | undefined>>;
}

function usage(message: string, cause?: unknown): ServerKitError {
  return new ServerKitError("ERR_KIT_USAGE", message, cause === undefined ? {} : { cause });
}

function quoteFlag(rawName: string, name: string): string {
  return rawName.startsWith("--") ? rawName : `${rawName} (--${name})`;
}

/** Checks that the server's flags do not clash with the shared ones or each other. */
function buildTable(extraFlags: readonly FlagDefinition[]): Map<string, FlagDefinition> {
  const table = new Map<string, FlagDefinition>();
  const shorts = new Set<string>();
  for (const flag of [...SERVER_FLAGS, ...extraFlags]) {
    if (table.has(flag.name)) throw new ServerKitError("ERR_KIT_INVALID_OPTION", `flag --${flag.name} is defined twice`);
    if (flag.short !== undefined) {
      if (shorts.has(flag.short)) throw new ServerKitError("ERR_KIT_INVALID_OPTION", `flag -${flag.short} is defined twice`);
      shorts.add(flag.short);
    }
    table.set(flag.name, flag);
  }
  return table;
}

function defaultBind(environment: Readonly<Record<string, string | undefined>>): BindAddress[] {
  const host = environment.HOST === undefined || environment.HOST === "" ? DEFAULT_HOST : environment.HOST;
  let port = DEFAULT_PORT;
  if (environment.PORT !== undefined && environment.PORT !== "") {
    try {
      port = parsePort(environment.PORT);
    } catch (error) {
      throw usage(`PORT: ${(error as Error).message}`, error);
    }
  }
  return [{ host, port }];
}

function setIfGiven<T extends object, K extends keyof T>(target: T, key: K, value: unknown): void {
  if (value !== undefined) target[key] = value as T[K];
}

/**
 * Parses `argv` (without the node and script paths). Long flags take `--name VALUE` or `--name=VALUE`.
 * Throws ServerKitError ERR_KIT_USAGE with a one-line message ("--bind: expected HOST:PORT, …, got 'x'",
 * "unknown option --foo") for anything it cannot use. Without --bind, HOST and PORT from the environment
 * apply (default 127.0.0.1:8000).
 */
export function parseCommandLine(argv: readonly string[], options: ParseCommandLineOptions = {}): CommandLine {
  const table = buildTable(options.extraFlags ?? []);
  const parseOptions: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const flag of table.values()) {
    parseOptions[flag.name] = {
      type: flag.valueName === undefined ? "boolean" : "string",
      ...(flag.short === undefined ? {} : { short: flag.short }),
    };
  }
  // strict: false so that the messages are ours (one line, naming the flag); every token is checked below.
  // `pnpm start -- --bind x` hands the bin a leading "--" (pnpm 10 passes it on); it ends no options here.
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  const { tokens } = parseArgs({ args, options: parseOptions, strict: false, allowPositionals: true, tokens: true });

  const values = new Map<string, unknown>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === "option-terminator") continue;
    const flag = table.get(token.name);
    if (flag === undefined) throw usage(`unknown option ${token.rawName}`);
    const label = quoteFlag(token.rawName, flag.name);
    let value: unknown;
    if (flag.valueName === undefined) {
      if (token.value !== undefined) throw usage(`${label} takes no value, got '${token.value}'`);
      value = true;
    } else {
      const raw = token.value;
      // "--bind --root x" would otherwise take "--root" as the address.
      if (raw === undefined || (!token.inlineValue && raw.startsWith("-") && raw.length > 1)) {
        throw usage(`${label}: expected ${flag.valueName}, got ${raw === undefined ? "nothing" : `option '${raw}'`}`);
      }
      try {
        value = flag.parse === undefined ? raw : flag.parse(raw);
      } catch (error) {
        throw usage(`${label}: ${(error as Error).message}`, error);
      }
    }
    if (flag.multiple === true) {
      const list = (values.get(flag.name) as unknown[] | undefined) ?? [];
      list.push(value);
      values.set(flag.name, list);
    } else {
      values.set(flag.name, value);
    }
  }
  if (positionals.length > 1) throw usage(`unexpected argument '${positionals[1]}' (give one module:export)`);

  const limits: Partial<ServerLimits> = {};
  setIfGiven(limits, "maxRequestLineBytes", values.get("limit-request-line"));
  setIfGiven(limits, "maxHeaderCount", values.get("limit-request-fields"));
  setIfGiven(limits, "maxHeaderBytes", values.get("limit-request-field-size"));
  setIfGiven(limits, "maxBodyBytes", values.get("limit-request-body"));
  setIfGiven(limits, "maxConnections", values.get("limit-connections"));
  const timeouts: Partial<ServerTimeouts> = {};
  setIfGiven(timeouts, "keepAliveMs", values.get("keep-alive"));
  setIfGiven(timeouts, "headersMs", values.get("header-timeout"));
  setIfGiven(timeouts, "requestMs", values.get("request-timeout"));
  setIfGiven(timeouts, "gracefulMs", values.get("graceful-timeout"));
  const environ: Record<string, string> = {};
  for (const [key, value] of (values.get("env") as [string, string][] | undefined) ?? []) environ[key] = value;

  const serverOptions: ServerOptionsInput = {
    bind: (values.get("bind") as BindAddress[] | undefined) ?? defaultBind(options.environment ?? process.env),
    static: (values.get("static") as StaticMount[] | undefined) ?? [],
    limits,
    timeouts,
    environ,
  };
  setIfGiven(serverOptions, "root", values.get("root"));
  setIfGiven(serverOptions, "staticCacheControl", values.get("static-cache-control"));

  return {
    application: positionals[0],
    help: values.get("help") === true,
    version: values.get("version") === true,
    options: serverOptions,
    logLevel: (values.get("log-level") as LogLevel | undefined) ?? "info",
    accessLog: values.get("access-log") as string | undefined,
    accessLogFormat: values.get("access-log-format") as string | undefined,
    values,
  };
}

/** The --help text: usage line, then one line per flag (shared flags, then the server's own). */
export function formatHelp(name: string, extraFlags: readonly FlagDefinition[] = []): string {
  const rows = [...SERVER_FLAGS, ...extraFlags].map((flag) => {
    const names = `${flag.short === undefined ? "    " : `-${flag.short}, `}--${flag.name}${flag.valueName === undefined ? "" : ` ${flag.valueName}`}`;
    return [names, flag.description] as const;
  });
  const width = Math.max(...rows.map(([names]) => names.length)) + 2;
  const lines = rows.map(([names, description]) => `  ${names.padEnd(width)}${description}`);
  return [
    `usage: ${name} [options] [path/to/module.ts:export]`,
    "",
    "Runs a gateway application (default export name: app, then application). Without a module it serves",
    "the built-in demo site.",
    "",
    "options:",
    ...lines,
    "",
  ].join("\n");
}
