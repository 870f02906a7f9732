/** Binds one node:net (or node:http) server to one bind address and says where it listens and under what name. */
import type { Server as NetServer } from "node:net";
import { hostname } from "node:os";
import type { BindAddress, Logger, ServerAddress } from "./server-types.js";

/** Addresses that mean "every interface": SERVER_NAME then falls back to the host name (as Waitress does). */
const UNSPECIFIED_ADDRESSES: ReadonlySet<string> = new Set(["0.0.0.0", "::", ""]);

/** Where one listener ended up, and the SERVER_NAME / SERVER_PORT its requests get. */
export interface BoundListener {
  /** The address as bound (port resolved when 0 was asked), as `Server.addresses` lists it. */
  readonly address: ServerAddress;
  /** SERVER_NAME: the bound host, the machine's host name for an unspecified address, "localhost" on a unix socket. */
  readonly serverName: string;
  /** SERVER_PORT: the bound port, 0 on a unix socket. */
  readonly serverPort: number;
}

/** What {@link listenOnBind} needs from the server calling it. */
export interface ListenOnBindOptions {
  /** Gets the listener's errors after it is bound (before, they reject the returned promise). */
  readonly logger: Logger;
  /** The server's own error for a failed bind, e.g. `new LoopError("ERR_LOOP_LISTEN_FAILED", message, { cause })`. */
  readonly createListenError: (message: string, cause: NodeJS.ErrnoException) => Error;
}

/** `host:port` (IPv6 hosts in brackets) or `unix:path`, as error messages name a bind address. */
function describeBind(bind: BindAddress): string {
  return "path" in bind ? `unix:${bind.path}` : `${bind.host.includes(":") ? `[${bind.host}]` : bind.host}:${bind.port}`;
}

/**
 * Makes `netServer` listen on `bind` (a host and port, or a unix socket path).
 *
 * Rejects with `options.createListenError("cannot listen on <bind>: <code>", cause)` if the bind fails;
 * once bound, later listener errors go to `options.logger.error`. The caller keeps the server (to close
 * it) and attaches its own `request` or `connection` handlers.
 *
 * @example
 * const { address, serverName, serverPort } = await listenOnBind(httpServer, { host: "127.0.0.1", port: 0 }, {
 *   logger,
 *   createListenError: (message, cause) => new LoopError("ERR_LOOP_LISTEN_FAILED", message, { cause }),
 * });
 */
export async function listenOnBind(netServer: NetServer, bind: BindAddress, options: ListenOnBindOptions): Promise<BoundListener> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(options.createListenError(`cannot listen on ${describeBind(bind)}: ${error.code ?? error.message}`, error));
    };
    netServer.once("error", onError);
    netServer.listen("path" in bind ? { path: bind.path } : { host: bind.host, port: bind.port }, () => {
      netServer.off("error", onError);
      resolve();
    });
  });
  const logger = options.logger;
  netServer.on("error", (error) => logger.error("server error", error));

  const bound = netServer.address();
  if ("path" in bind || bound === null || typeof bound === "string") {
    const path = "path" in bind ? bind.path : typeof bound === "string" ? bound : "";
    return { address: { path, url: `unix:${path}` }, serverName: "localhost", serverPort: 0 };
  }
  const host = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
  return {
    address: { host: bound.address, port: bound.port, url: `http://${host}:${bound.port}` },
    serverName: UNSPECIFIED_ADDRESSES.has(bound.address) ? hostname() : bound.address,
    serverPort: bound.port,
  };
}
