/**
 * server-socket's Server: node:net listeners, one Connection per socket, the connection cap, one timeout sweep
 * for every connection, and graceful stop. It never parses or answers requests itself (connections do).
 */
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import type { Application } from "@patchbay/gateway";
import { createLoggerErrorStream, listenOnBind, prepareApplication, resolveServerOptions, type BindAddress, type Server, type ServerAddress, type ServerOptions, type ServerOptionsInput } from "@patchbay/server-kit";
import { Connection } from "./connection.js";
import { LINGER_MS } from "./connection-limits.js";
import { formatErrorResponse } from "./error-response.js";
import { SocketError } from "./errors.js";
import type { ListenerAddress, ServerState } from "./server-state.js";

/** Longest pause between two timeout sweeps: a timeout fires at most this late. */
const MAX_SWEEP_INTERVAL_MS = 1000;
/** Shortest pause between two sweeps, so tiny test timeouts do not turn the sweep into a busy loop. */
const MIN_SWEEP_INTERVAL_MS = 25;
/** A sweep runs this many times per shortest timeout, so a timeout fires within a quarter of its setting. */
const SWEEPS_PER_TIMEOUT = 4;

/** The sweep interval for these timeouts (0 means "no limit" and is ignored). */
function sweepIntervalFor(options: ServerOptions): number {
  const { keepAliveMs, headersMs, requestMs } = options.timeouts;
  let shortest = LINGER_MS;
  for (const milliseconds of [keepAliveMs, headersMs, requestMs]) if (milliseconds > 0 && milliseconds < shortest) shortest = milliseconds;
  return Math.min(MAX_SWEEP_INTERVAL_MS, Math.max(MIN_SWEEP_INTERVAL_MS, Math.floor(shortest / SWEEPS_PER_TIMEOUT)));
}

/** The server-socket implementation of the shared Server interface. */
class SocketServer implements Server {
  readonly #state: ServerState;
  readonly #options: ServerOptions;
  readonly #netServers: NetServer[] = [];
  readonly #addresses: ServerAddress[] = [];
  readonly #connections = new Set<Connection>();
  readonly #sweepIntervalMs: number;
  #sweep: NodeJS.Timeout | undefined;
  #lifecycle: "idle" | "listening" | "closed" = "idle";
  #closed: Promise<void> | undefined;
  /** Resolves the wait of a graceful stop once the last connection has closed. */
  #onLastClose: (() => void) | undefined;
  readonly #onAbort = (): void => {
    void this.close();
  };
  readonly #sweepConnections = (): void => {
    const now = Date.now();
    for (const connection of this.#connections) connection.checkTimeout(now);
  };

  constructor(app: Application, options: ServerOptions) {
    this.#options = options;
    const logger = options.logger;
    this.#state = {
      app: prepareApplication(app, options),
      options,
      closing: false,
      onError: (message, error) => logger.error(message, error),
      errors: createLoggerErrorStream(logger),
    };
    this.#sweepIntervalMs = sweepIntervalFor(options);
  }

  get addresses(): ServerAddress[] {
    return [...this.#addresses];
  }

  async listen(): Promise<ServerAddress[]> {
    if (this.#lifecycle !== "idle") throw new SocketError("ERR_SOCKET_INVALID_STATE", `listen() called on a server that is ${this.#lifecycle}`);
    this.#lifecycle = "listening";
    try {
      for (const bind of this.#options.bind) this.#addresses.push(await this.#listenOn(bind));
    } catch (error) {
      await this.destroy();
      throw error;
    }
    this.#sweep = setInterval(this.#sweepConnections, this.#sweepIntervalMs);
    this.#sweep.unref();
    const signal = this.#options.signal;
    if (signal !== undefined) {
      if (signal.aborted) void this.close();
      else signal.addEventListener("abort", this.#onAbort, { once: true });
    }
    return this.addresses;
  }

  async #listenOn(bind: BindAddress): Promise<ServerAddress> {
    // noDelay: a response leaves in one write already (the sink batches), so Nagle would only delay it.
    // allowHalfOpen: a client's FIN ends its requests, not our responses (RFC 9112 §9.6); connections end our side.
    const netServer = createNetServer({ noDelay: true, allowHalfOpen: true });
    this.#netServers.push(netServer);
    const { address, serverName, serverPort } = await listenOnBind(netServer, bind, {
      logger: this.#options.logger,
      createListenError: (message, cause) => new SocketError("ERR_SOCKET_LISTEN_FAILED", message, { cause }),
    });
    const listenerAddress: ListenerAddress = { serverName, serverPort };
    netServer.on("connection", (socket: Socket) => this.#accept(socket, listenerAddress));
    return address;
  }

  #accept(socket: Socket, address: ListenerAddress): void {
    if (this.#state.closing) {
      socket.destroy();
      return;
    }
    if (this.#connections.size >= this.#options.limits.maxConnections) {
      // RFC 9110 §15.6.4: 503 tells the client the refusal is temporary; a plain reset would look like a crash.
      socket.on("error", () => {});
      socket.setTimeout(LINGER_MS, () => socket.destroy());
      socket.end(formatErrorResponse(503, "the server has too many connections; try again later"));
      return;
    }
    const connection = new Connection(socket, this.#state, address);
    this.#connections.add(connection);
    socket.once("close", () => {
      this.#connections.delete(connection);
      if (this.#connections.size === 0) this.#onLastClose?.();
    });
  }

  close(gracefulMs: number = this.#options.timeouts.gracefulMs): Promise<void> {
    this.#closed ??= this.#stop(gracefulMs);
    return this.#closed;
  }

  async destroy(): Promise<void> {
    this.#state.closing = true;
    for (const connection of this.#connections) connection.destroy();
    await this.close(0);
  }

  /**
   * Stops accepting, closes idle keep-alive connections at once, lets in-flight requests finish (their
   * responses say "Connection: close" when their head is not out yet, and every connection closes after its
   * response), and destroys whatever is left after `gracefulMs`.
   */
  async #stop(gracefulMs: number): Promise<void> {
    this.#lifecycle = "closed";
    this.#state.closing = true;
    this.#options.signal?.removeEventListener("abort", this.#onAbort);
    const listenersClosed = Promise.all(
      this.#netServers.map((netServer) => new Promise<void>((resolve) => (netServer.listening ? netServer.close(() => resolve()) : resolve()))),
    );
    for (const connection of this.#connections) connection.stopGracefully();
    if (this.#connections.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.#onLastClose = resolve;
        timer = setTimeout(() => {
          if (this.#connections.size > 0) this.#options.logger.warning(`graceful stop: closing ${this.#connections.size} connection(s) still open after ${gracefulMs} ms`);
          for (const connection of this.#connections) connection.destroy();
          resolve();
        }, gracefulMs);
      });
      clearTimeout(timer);
      this.#onLastClose = undefined;
    }
    clearInterval(this.#sweep);
    this.#sweep = undefined;
    await listenersClosed;
  }
}

/**
 * Creates a server-socket server for `app` (options resolved by server-kit's resolveServerOptions; static
 * files and --env are wrapped around the app by prepareApplication). Call listen() to bind.
 * Throws ServerKitError ERR_KIT_INVALID_OPTION or StaticError for bad options.
 */
export function createServer(app: Application, options: ServerOptionsInput = {}): Server {
  return new SocketServer(app, resolveServerOptions(options));
}

/** Creates a server and binds it: `const server = await serve(app, { port: 0 })`. */
export async function serve(app: Application, options: ServerOptionsInput = {}): Promise<Server> {
  const server = createServer(app, options);
  await server.listen();
  return server;
}
