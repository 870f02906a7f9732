/**
 * server-loop's Server: one process, one event loop, node:http (llhttp parses). Binds every address,
 * maps our limits and timeouts onto node:http, and stops gracefully. Requests are the listener's job.
 */
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { Application } from "@patchbay/gateway";
import { listenOnBind, prepareApplication, resolveServerOptions, type BindAddress, type Server, type ServerAddress, type ServerOptions, type ServerOptionsInput } from "@patchbay/server-kit";
import { LoopError } from "./errors.js";
import { RequestListener, type LoopContext } from "./listener.js";

/**
 * How often node:http checks header and request timeouts. Its default (30 s) would let a 10 s header
 * timeout fire up to 40 s late; a second keeps them within a second of their setting.
 */
const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

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
    const { address, serverName, serverPort } = await listenOnBind(httpServer, bind, {
      logger: this.#options.logger,
      createListenError: (message, cause) => new LoopError("ERR_LOOP_LISTEN_FAILED", message, { cause }),
    });
    const listener = new RequestListener(this.#context, { serverName, serverPort });
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
