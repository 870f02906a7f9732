/**
 * server-loop's Server: one process, one event loop, node:http (llhttp parses). Binds every address,
 * maps our limits and timeouts onto node:http, and stops gracefully. Requests are the listener's job.
 */
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { hostname } from "node:os";
import type { Application } from "@patchbay/gateway";
import { prepareApplication, resolveServerOptions, type BindAddress, type Server, type ServerAddress, type ServerOptions, type ServerOptionsInput } from "@patchbay/server-kit";
import { LoopError } from "./errors.js";
import { RequestListener, type ListenerAddress, type LoopContext } from "./listener.js";

/**
 * How often node:http checks header and request timeouts. Its default (30 s) would let a 10 s header
 * timeout fire up to 40 s late; a second keeps them within a second of their setting.
 */
const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

/** Addresses that mean "every interface": SERVER_NAME then falls back to the host name (as Waitress does). */
const UNSPECIFIED_ADDRESSES: ReadonlySet<string> = new Set(["0.0.0.0", "::", ""]);

function describeBind(bind: BindAddress): string {
  return "path" in bind ? `unix:${bind.path}` : `${bind.host.includes(":") ? `[${bind.host}]` : bind.host}:${bind.port}`;
}

/** The server-loop implementation of the shared Server interface. */
class LoopServer implements Server {
  readonly #context: LoopContext;
  readonly #options: ServerOptions;
  readonly #httpServers: HttpServer[] = [];
  readonly #addresses: ServerAddress[] = [];
  #state: "idle" | "listening" | "closed" = "idle";
  #closed: Promise<void> | undefined;
  readonly #onAbort = (): void => {
    void this.close();
  };

  constructor(app: Application, options: ServerOptions) {
    this.#options = options;
    this.#context = { app: prepareApplication(app, options), options, closing: false };
  }

  get addresses(): ServerAddress[] {
    return [...this.#addresses];
  }

  async listen(): Promise<ServerAddress[]> {
    if (this.#state !== "idle") throw new LoopError("ERR_LOOP_INVALID_STATE", `listen() called on a server that is ${this.#state}`);
    this.#state = "listening";
    try {
      for (const bind of this.#options.bind) this.#addresses.push(await this.#listenOn(bind));
    } catch (error) {
      await this.destroy();
      throw error;
    }
    const signal = this.#options.signal;
    if (signal !== undefined) {
      if (signal.aborted) void this.close();
      else signal.addEventListener("abort", this.#onAbort, { once: true });
    }
    return this.addresses;
  }

  async #listenOn(bind: BindAddress): Promise<ServerAddress> {
    const { limits, timeouts } = this.#options;
    const httpServer = createHttpServer({
      maxHeaderSize: limits.maxHeaderBytes,
      keepAliveTimeout: timeouts.keepAliveMs,
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS,
    });
    // One more than the limit, so the listener sees that the limit was passed (node silently drops the rest).
    httpServer.maxHeadersCount = limits.maxHeaderCount + 1;
    httpServer.maxConnections = limits.maxConnections;
    this.#httpServers.push(httpServer);

    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        reject(new LoopError("ERR_LOOP_LISTEN_FAILED", `cannot listen on ${describeBind(bind)}: ${error.code ?? error.message}`, { cause: error }));
      };
      httpServer.once("error", onError);
      httpServer.listen("path" in bind ? { path: bind.path } : { host: bind.host, port: bind.port }, () => {
        httpServer.off("error", onError);
        resolve();
      });
    });
    httpServer.on("error", (error) => this.#options.logger.error("server error", error));

    let address: ServerAddress;
    let listenerAddress: ListenerAddress;
    const bound = httpServer.address();
    if ("path" in bind || bound === null || typeof bound === "string") {
      const path = "path" in bind ? bind.path : typeof bound === "string" ? bound : "";
      address = { path, url: `unix:${path}` };
      listenerAddress = { serverName: "localhost", serverPort: 0 };
    } else {
      const host = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
      address = { host: bound.address, port: bound.port, url: `http://${host}:${bound.port}` };
      listenerAddress = { serverName: UNSPECIFIED_ADDRESSES.has(bound.address) ? hostname() : bound.address, serverPort: bound.port };
    }
    const listener = new RequestListener(this.#context, listenerAddress);
    httpServer.on("request", listener.handleRequest);
    httpServer.on("checkContinue", listener.handleCheckContinue);
    return address;
  }

  close(gracefulMs: number = this.#options.timeouts.gracefulMs): Promise<void> {
    this.#closed ??= this.#stop(gracefulMs);
    return this.#closed;
  }

  async destroy(): Promise<void> {
    this.#context.closing = true;
    for (const httpServer of this.#httpServers) httpServer.closeAllConnections();
    await this.close(0);
  }

  /**
   * Stops accepting, closes idle keep-alive connections at once, lets in-flight requests finish (their
   * responses carry `Connection: close`, and node:http closes each connection once its response is out),
   * and closes whatever is left after `gracefulMs`.
   */
  async #stop(gracefulMs: number): Promise<void> {
    this.#state = "closed";
    this.#context.closing = true;
    this.#options.signal?.removeEventListener("abort", this.#onAbort);
    const closed = this.#httpServers.map(
      (httpServer) =>
        new Promise<void>((resolve) => {
          if (!httpServer.listening) {
            httpServer.closeAllConnections();
            resolve();
            return;
          }
          httpServer.close(() => resolve());
          httpServer.closeIdleConnections();
        }),
    );
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        const remaining = this.#httpServers.length;
        if (remaining > 0) this.#options.logger.warning(`graceful stop: closing connections still open after ${gracefulMs} ms`);
        for (const httpServer of this.#httpServers) httpServer.closeAllConnections();
        resolve();
      }, gracefulMs);
    });
    await Promise.race([Promise.all(closed), forced]);
    clearTimeout(timer);
    await Promise.all(closed);
  }
}

/**
 * Creates a server-loop server for `app` (options resolved by server-kit's resolveServerOptions;
 * static files and --env are wrapped around the app by prepareApplication). Call listen() to bind.
 * Throws ServerKitError ERR_KIT_INVALID_OPTION or StaticError for bad options.
 */
export function createServer(app: Application, options: ServerOptionsInput = {}): Server {
  return new LoopServer(app, resolveServerOptions(options));
}

/** Creates a server and binds it: `const server = await serve(app, { port: 0 })`. */
export async function serve(app: Application, options: ServerOptionsInput = {}): Promise<Server> {
  const server = createServer(app, options);
  await server.listen();
  return server;
}
