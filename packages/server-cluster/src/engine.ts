/**
 * Picks the single-loop engine a worker runs: server-loop's createServer (default) or server-socket's.
 * Startup only; it never sees a request.
 */
import type { CreateServer } from "@patchbay/server-kit";
import { createServer as createLoopServer } from "@patchbay/server-loop";
import { ClusterError } from "./errors.js";
import type { EngineName } from "./worker-config.js";

/**
 * Returns the engine's createServer. "socket" is imported on demand, so a worker running "loop" never loads
 * server-socket; throws ClusterError ERR_CLUSTER_ENGINE_UNAVAILABLE when server-socket has no createServer.
 */
export async function loadEngine(name: EngineName): Promise<CreateServer> {
  if (name === "loop") return createLoopServer;
  const socketPackage: Record<string, unknown> = await import("@patchbay/server-socket");
  const createServer = socketPackage.createServer;
  if (typeof createServer !== "function") throw new ClusterError("ERR_CLUSTER_ENGINE_UNAVAILABLE", "engine 'socket' is not available: @patchbay/server-socket does not export createServer");
  return createServer as CreateServer;
}
