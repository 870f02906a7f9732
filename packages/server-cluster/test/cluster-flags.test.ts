import { describe, expect, it } from "vitest";
import { formatHelp, parseCommandLine, SERVER_FLAGS, type Logger } from "@patchbay/server-kit";
import { CLUSTER_FLAGS, clusterOptionsFromCommandLine } from "../src/cluster-flags.js";

const logger: Logger = { level: "info", debug: () => {}, info: () => {}, warning: () => {}, error: () => {} };

function parse(argv: string[]): ReturnType<typeof parseCommandLine> {
  return parseCommandLine(argv, { extraFlags: CLUSTER_FLAGS, environment: {} });
}

describe("CLUSTER_FLAGS", () => {
  it("adds the cluster flags without clashing with the shared ones, and shows them in --help", () => {
    const shared = new Set(SERVER_FLAGS.map((flag) => flag.name));
    expect(CLUSTER_FLAGS.filter((flag) => shared.has(flag.name))).toEqual([]);
    const help = formatHelp("patchbay-cluster", CLUSTER_FLAGS);
    for (const name of ["--workers COUNT", "--timeout SECONDS", "--max-requests COUNT", "--max-requests-jitter COUNT", "--preload", "--stats HOST:PORT", "--engine NAME"]) expect(help).toContain(name);
  });

  it("maps a full command line to ClusterOptions", () => {
    const options = clusterOptionsFromCommandLine(
      parse(["-w", "3", "-t", "2.5", "--max-requests", "1000", "--max-requests-jitter", "50", "--preload", "--stats", "127.0.0.1:9191", "--engine", "socket", "--bind", "0.0.0.0:8080", "--graceful-timeout", "5", "--access-log", "-", "--log-level", "debug", "app.ts:app"]),
      logger,
    );
    expect(options).toMatchObject({
      application: "app.ts:app",
      workers: 3,
      timeoutMs: 2500,
      maxRequests: 1000,
      maxRequestsJitter: 50,
      preload: true,
      stats: { host: "127.0.0.1", port: 9191 },
      engine: "socket",
      bind: [{ host: "0.0.0.0", port: 8080 }],
      timeouts: { gracefulMs: 5000 },
      accessLog: "-",
      logLevel: "debug",
      logger,
    });
  });

  it("leaves unset flags to the defaults, and refuses bad values in one line", () => {
    const options = clusterOptionsFromCommandLine(parse([]), logger);
    expect(options.workers).toBeUndefined();
    expect(options.application).toBeUndefined();
    expect(options.bind).toEqual([{ host: "127.0.0.1", port: 8000 }]);
    expect(() => parse(["--workers", "0"])).toThrow("--workers: expected a positive integer, got '0'");
    expect(() => parse(["--max-requests", "-1"])).toThrow(/--max-requests: expected/);
    expect(() => parse(["--stats", "unix:/tmp/stats.sock"])).toThrow("--stats: expected HOST:PORT (the stats endpoint listens on TCP), got 'unix:/tmp/stats.sock'");
    expect(() => parse(["--engine", "uv"])).toThrow(/--engine: expected one of loop, socket/);
  });
});
