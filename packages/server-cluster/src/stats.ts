/**
 * The stats endpoint (uWSGI's stats server idea): a tiny node:http server in the primary answering every
 * GET with the cluster's state as JSON. It reads a snapshot; it never changes the cluster or sees app traffic.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { ClusterError } from "./errors.js";

/** Where a worker is in its life. */
export type WorkerState = "booting" | "serving" | "retiring" | "stopping";

/** One worker, as the stats endpoint shows it. */
export interface WorkerStats {
  /** node:cluster's worker id (increases with every fork). */
  id: number;
  pid: number;
  state: WorkerState;
  /** Requests served by this worker, as of its last heartbeat. */
  requests: number;
  uptimeMs: number;
}

/** The whole cluster, as the stats endpoint shows it. */
export interface ClusterStats {
  /** The primary's (arbiter's) pid. */
  pid: number;
  uptimeMs: number;
  /** Workers the arbiter keeps running (changed by TTIN/TTOU). */
  workersWanted: number;
  /** Workers replaced after dying (crash, SIGKILL, heartbeat timeout); planned replacements are not counted. */
  restarts: number;
  /** Requests served by every worker so far, those gone included. */
  requests: number;
  workers: WorkerStats[];
}

/** A running stats server. */
export interface StatsServer {
  /** "http://host:port/" as bound. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `read()` as JSON on `host:port` (port 0: any free port). GET and HEAD get 200 with the JSON;
 * other methods get 405. Throws ClusterError ERR_CLUSTER_INVALID_STATE when it cannot listen.
 */
export async function startStatsServer(address: { host: string; port: number }, read: () => ClusterStats): Promise<StatsServer> {
  const httpServer = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD", "Content-Length": "0" }).end();
      return;
    }
    const body = Buffer.from(JSON.stringify(read()) + "\n");
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(body.length), "Cache-Control": "no-store" });
    response.end(request.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (error: NodeJS.ErrnoException) => {
      reject(new ClusterError("ERR_CLUSTER_INVALID_STATE", `stats server cannot listen on ${address.host}:${address.port}: ${error.code ?? error.message}`, { cause: error }));
    });
    httpServer.listen({ host: address.host, port: address.port }, resolve);
  });
  const bound = httpServer.address();
  const port = typeof bound === "object" && bound !== null ? bound.port : address.port;
  const host = address.host.includes(":") ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}
