/**
 * Starts a server under test on 127.0.0.1 port 0 with a memory logger, and tracks it so the suite closes
 * every server it started. It never binds anything but loopback port 0.
 */
import type { Application } from "@patchbay/gateway";
import type { Server, ServerOptionsInput } from "@patchbay/server-kit";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { MemoryLogger } from "./memory-logger.js";

/** Grace period for the suite's own servers unless a case asks otherwise: long enough never to cut a case short. */
export const TEST_GRACEFUL_MS = 10_000;

/** A started server and what a case needs to reach it. */
export interface TestServer {
  server: Server;
  host: string;
  port: number;
  /** "http://127.0.0.1:PORT". */
  origin: string;
  logger: MemoryLogger;
  /** `origin` + path. */
  url(path: string): string;
}

const running = new Set<Server>();

/**
 * Creates and starts `target`'s server for `app`; options are the shared ServerOptionsInput (bind, logger
 * and the graceful timeout are filled in unless given; a given bind needs at least one TCP address on
 * 127.0.0.1, which `port` and `origin` then name).
 */
export async function startTestServer(target: ServerConformanceTarget, app: Application, options: ServerOptionsInput = {}): Promise<TestServer> {
  const logger = options.logger instanceof MemoryLogger ? options.logger : new MemoryLogger();
  const { host: _host, port: _port, ...rest } = options;
  const server = target.createServer(app, {
    ...rest,
    bind: options.bind ?? [{ host: "127.0.0.1", port: 0 }],
    logger,
    timeouts: { gracefulMs: TEST_GRACEFUL_MS, ...options.timeouts },
  });
  running.add(server);
  const addresses = await server.listen();
  const address = addresses.find((candidate) => "port" in candidate);
  if (address === undefined || !("port" in address)) throw new Error(`${target.name}: listen() returned no TCP address`);
  const origin = `http://127.0.0.1:${address.port}`;
  return { server, host: "127.0.0.1", port: address.port, origin, logger, url: (path) => origin + path };
}

/** Force-stops every server the suite started and has not stopped yet (afterEach). */
export async function destroyTestServers(): Promise<void> {
  const servers = [...running];
  running.clear();
  await Promise.all(servers.map((server) => server.destroy()));
}
