import { describe, expect, it } from "vitest";
import { GatewayError } from "@patchbay/gateway";
import { formatHelp, parseCommandLine } from "../src/cli-options.js";
import { parsePositiveInteger } from "../src/flag-values.js";
import { SERVER_FLAGS, type FlagDefinition } from "../src/server-flags.js";

const NO_ENVIRONMENT = {};

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

function usageError(argv: string[], extraFlags?: FlagDefinition[]): string {
  const error = thrownBy(() => parseCommandLine(argv, { environment: NO_ENVIRONMENT, ...(extraFlags === undefined ? {} : { extraFlags }) }));
  expect(GatewayError.isGatewayError(error)).toBe(true);
  expect((error as GatewayError).code).toBe("ERR_KIT_USAGE");
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  return message;
}

describe("parseCommandLine", () => {
  it("defaults: no module (the demo), 127.0.0.1:8000, info level, no access log", () => {
    const commandLine = parseCommandLine([], { environment: NO_ENVIRONMENT });
    expect(commandLine.application).toBeUndefined();
    expect(commandLine.help).toBe(false);
    expect(commandLine.version).toBe(false);
    expect(commandLine.logLevel).toBe("info");
    expect(commandLine.accessLog).toBeUndefined();
    expect(commandLine.accessLogFormat).toBeUndefined();
    expect(commandLine.options).toEqual({ bind: [{ host: "127.0.0.1", port: 8000 }], static: [], limits: {}, timeouts: {}, environ: {} });
  });

  it("ignores the leading -- that `pnpm start -- …` passes on", () => {
    const commandLine = parseCommandLine(["--", "--bind", "127.0.0.1:8765", "app.ts:app"], { environment: NO_ENVIRONMENT });
    expect(commandLine.options.bind).toEqual([{ host: "127.0.0.1", port: 8765 }]);
    expect(commandLine.application).toBe("app.ts:app");
  });

  it("takes the module reference as the one positional", () => {
    expect(parseCommandLine(["./app.ts:app"], { environment: NO_ENVIRONMENT }).application).toBe("./app.ts:app");
    expect(parseCommandLine(["--root", "public", "app.ts"], { environment: NO_ENVIRONMENT }).application).toBe("app.ts");
  });

  it("parses every shared flag", () => {
    const commandLine = parseCommandLine(
      [
        "--bind", "127.0.0.1:0",
        "-b", "[::1]:9000",
        "--bind=unix:/tmp/s.sock",
        "--root", "public",
        "--static", "/assets=dist/assets",
        "--static", "/img=images",
        "--static-cache-control", "public, max-age=60",
        "--env", "A=1",
        "-e", "B=two=2",
        "--access-log", "-",
        "--access-log-format", "%(h)s %(s)s",
        "--log-level", "debug",
        "--limit-request-line", "4096",
        "--limit-request-fields", "50",
        "--limit-request-field-size", "8192",
        "--limit-request-body", "1048576",
        "--limit-connections", "64",
        "--keep-alive", "2",
        "--header-timeout", "1.5",
        "--request-timeout", "30",
        "--graceful-timeout", "0",
        "app.ts:application",
      ],
      { environment: NO_ENVIRONMENT },
    );
    expect(commandLine.application).toBe("app.ts:application");
    expect(commandLine.options).toEqual({
      bind: [{ host: "127.0.0.1", port: 0 }, { host: "::1", port: 9000 }, { path: "/tmp/s.sock" }],
      root: "public",
      static: [
        { prefix: "/assets", directory: "dist/assets" },
        { prefix: "/img", directory: "images" },
      ],
      staticCacheControl: "public, max-age=60",
      environ: { A: "1", B: "two=2" },
      limits: { maxRequestLineBytes: 4096, maxHeaderCount: 50, maxHeaderBytes: 8192, maxBodyBytes: 1048576, maxConnections: 64 },
      timeouts: { keepAliveMs: 2000, headersMs: 1500, requestMs: 30000, gracefulMs: 0 },
    });
    expect(commandLine.accessLog).toBe("-");
    expect(commandLine.accessLogFormat).toBe("%(h)s %(s)s");
    expect(commandLine.logLevel).toBe("debug");
  });

  it("reads --help, -h and --version", () => {
    expect(parseCommandLine(["--help"], { environment: NO_ENVIRONMENT }).help).toBe(true);
    expect(parseCommandLine(["-h"], { environment: NO_ENVIRONMENT }).help).toBe(true);
    expect(parseCommandLine(["--version"], { environment: NO_ENVIRONMENT }).version).toBe(true);
  });

  it("honours HOST and PORT when no --bind is given, and --bind over them", () => {
    expect(parseCommandLine([], { environment: { HOST: "0.0.0.0", PORT: "9090" } }).options.bind).toEqual([{ host: "0.0.0.0", port: 9090 }]);
    expect(parseCommandLine([], { environment: { PORT: "9091" } }).options.bind).toEqual([{ host: "127.0.0.1", port: 9091 }]);
    expect(parseCommandLine([], { environment: { HOST: "", PORT: "" } }).options.bind).toEqual([{ host: "127.0.0.1", port: 8000 }]);
    expect(parseCommandLine(["--bind", "127.0.0.1:1"], { environment: { PORT: "9091" } }).options.bind).toEqual([{ host: "127.0.0.1", port: 1 }]);
    expect(() => parseCommandLine([], { environment: { PORT: "http" } })).toThrow("PORT: expected a port number from 0 to 65535, got 'http'");
  });

  it("refuses a bad command line with one line naming the flag", () => {
    expect(usageError(["--bind", "x"])).toBe("--bind: expected HOST:PORT, [IPV6]:PORT or unix:PATH, got 'x'");
    expect(usageError(["-b", "x"])).toBe("-b (--bind): expected HOST:PORT, [IPV6]:PORT or unix:PATH, got 'x'");
    expect(usageError(["--frobnicate"])).toBe("unknown option --frobnicate");
    expect(usageError(["-z"])).toBe("unknown option -z");
    expect(usageError(["--bind"])).toBe("--bind: expected ADDRESS, got nothing");
    expect(usageError(["--bind", "--root", "x"])).toBe("--bind: expected ADDRESS, got option '--root'");
    expect(usageError(["--help=yes"])).toBe("--help takes no value, got 'yes'");
    expect(usageError(["--static", "assets"])).toBe("--static: expected /PREFIX=DIRECTORY, got 'assets'");
    expect(usageError(["--env", "novalue"])).toBe("--env: expected KEY=VALUE, got 'novalue'");
    expect(usageError(["--log-level", "loud"])).toBe("--log-level: expected one of debug, info, warning, error, critical, got 'loud'");
    expect(usageError(["--limit-request-line", "0"])).toBe("--limit-request-line: expected a positive integer, got '0'");
    expect(usageError(["--limit-request-fields", "many"])).toMatch(/^--limit-request-fields: expected a positive integer/);
    expect(usageError(["--limit-request-field-size", "-5"])).toMatch(/^--limit-request-field-size: expected BYTES, got option '-5'/);
    expect(usageError(["--limit-request-body", "1.5"])).toMatch(/^--limit-request-body: expected a positive integer/);
    expect(usageError(["--limit-connections", "x"])).toMatch(/^--limit-connections: expected a positive integer/);
    expect(usageError(["--keep-alive", "soon"])).toBe("--keep-alive: expected a number of seconds, got 'soon'");
    expect(usageError(["--header-timeout", "1m"])).toMatch(/^--header-timeout: expected a number of seconds/);
    expect(usageError(["--request-timeout", "x"])).toMatch(/^--request-timeout: expected a number of seconds/);
    expect(usageError(["--graceful-timeout", "x"])).toMatch(/^--graceful-timeout: expected a number of seconds/);
    expect(usageError(["a.ts", "b.ts"])).toBe("unexpected argument 'b.ts' (give one module:export)");
  });

  it("allows a value starting with '-' when written inline", () => {
    expect(parseCommandLine(["--access-log-format=-%(s)s"], { environment: NO_ENVIRONMENT }).accessLogFormat).toBe("-%(s)s");
  });

  it("lets a server add its own flags through the same table", () => {
    const extraFlags: FlagDefinition[] = [
      { name: "workers", short: "w", valueName: "COUNT", parse: parsePositiveInteger, description: "worker processes" },
      { name: "preload", description: "load the app before forking" },
    ];
    const commandLine = parseCommandLine(["-w", "4", "--preload", "--bind", "127.0.0.1:0"], { environment: NO_ENVIRONMENT, extraFlags });
    expect(commandLine.values.get("workers")).toBe(4);
    expect(commandLine.values.get("preload")).toBe(true);
    expect(commandLine.options.bind).toEqual([{ host: "127.0.0.1", port: 0 }]);
    expect(usageError(["--workers", "none"], extraFlags)).toBe("--workers: expected a positive integer, got 'none'");
    expect(usageError(["--workers", "2"])).toBe("unknown option --workers");
  });

  it("refuses a server flag that clashes with a shared one", () => {
    expect(() => parseCommandLine([], { extraFlags: [{ name: "bind", description: "again" }] })).toThrow("flag --bind is defined twice");
    expect(() => parseCommandLine([], { extraFlags: [{ name: "bound", short: "b", description: "again" }] })).toThrow("flag -b is defined twice");
  });
});

describe("formatHelp", () => {
  it("lists the usage line and every flag, shared and extra", () => {
    const help = formatHelp("patchbay-test", [{ name: "workers", valueName: "COUNT", description: "worker processes" }]);
    expect(help.startsWith("usage: patchbay-test [options] [path/to/module.ts:export]\n")).toBe(true);
    for (const flag of SERVER_FLAGS) expect(help).toContain(`--${flag.name}`);
    expect(help).toMatch(/--workers COUNT +worker processes/);
    expect(help).toMatch(/-b, --bind ADDRESS +HOST:PORT/);
  });
});
