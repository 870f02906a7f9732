/**
 * The server a worker runs: the engine's server around the app, plus what a pre-fork worker adds — every
 * request counted (for max-requests and stats) and a keep-alive drain to run before the engine's graceful
 * close. It never loads modules or talks to the primary (worker.ts does).
 */
import type { Application } from "@patchbay/gateway";
import { prepareApplication, resolveServerOptions, type CreateServer, type Server, type ServerAddress, type ServerOptionsInput } from "@patchbay/server-kit";
import { startKeepAliveDrain } from "./keep-alive-drain.js";

/**
 * How long a worker's graceful stop drains (keeps accepting, every response saying `Connection: close`)
 * before the engine closes: long enough for a busy keep-alive client to send its next request and be told
 * to leave.
 */
export const KEEP_ALIVE_DRAIN_MS = 500;

/** What createWorkerServer adds to the shared server options. */
export interface CreateWorkerServerOptions {
  /** The engine's createServer (server-loop's or server-socket's). */
  engine: CreateServer;
  /** onRetire is called once when this many requests have been counted. Default 0: never. */
  maxRequests?: number;
  onRetire?: (requests: number) => void;
}

/** A worker's server: the shared Server shape plus its request count and the keep-alive drain. */
export interface WorkerServer extends Server {
  /** Requests that reached the application chain (static files included). */
  readonly requests: number;
  /**
   * Drains keep-alive connections for `durationMs`: the server keeps serving, and every request that starts
   * meanwhile gets `Connection: close` on its response. Resolves when the time is up; the drain lasts until
   * close() or destroy() ends. Call it right before close(): a plain close shuts idle connections at once,
   * under any request a client is sending on one at that moment.
   */
  drain(durationMs: number): Promise<void>;
}

class DrainingServer implements WorkerServer {
  readonly #engineServer: Server;
  readonly #gracefulMs: number;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => {
    void this.close();
  };
  #closed: Promise<void> | undefined;
  #stopDrain: (() => void) | undefined;
  requests = 0;

  constructor(app: Application, options: ServerOptionsInput, worker: CreateWorkerServerOptions) {
    const resolved = resolveServerOptions(options);
    this.#gracefulMs = resolved.timeouts.gracefulMs;
    this.#signal = resolved.signal;
    // Static files and --env are wrapped here rather than by the engine, so static requests are counted too.
    const prepared = prepareApplication(app, resolved);
    const limit = worker.maxRequests ?? 0;
    const onRetire = worker.onRetire;
    const counted: Application = (environ, startResponse) => {
      if (++this.requests === limit) onRetire?.(this.requests);
      return prepared(environ, startResponse);
    };
    this.#engineServer = worker.engine(counted, {
      bind: resolved.bind,
      limits: resolved.limits,
      timeouts: resolved.timeouts,
      logger: resolved.logger,
      accessLog: resolved.accessLog,
      multiprocess: resolved.multiprocess,
    });
  }

  get addresses(): ServerAddress[] {
    return this.#engineServer.addresses;
  }

  async listen(): Promise<ServerAddress[]> {
    const addresses = await this.#engineServer.listen();
    const signal = this.#signal;
    if (signal !== undefined) {
      if (signal.aborted) void this.close();
      else signal.addEventListener("abort", this.#onAbort, { once: true });
    }
    return addresses;
  }

  drain(durationMs: number): Promise<void> {
    this.#stopDrain ??= startKeepAliveDrain(this.#engineServer.addresses);
    return new Promise((resolve) => setTimeout(resolve, durationMs));
  }

  close(gracefulMs: number = this.#gracefulMs): Promise<void> {
    this.#closed ??= this.#close(gracefulMs);
    return this.#closed;
  }

  async #close(gracefulMs: number): Promise<void> {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    try {
      await this.#engineServer.close(gracefulMs);
    } finally {
      this.#stopDrain?.();
      this.#stopDrain = undefined;
    }
  }

  async destroy(): Promise<void> {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    await this.#engineServer.destroy();
    await this.close(0);
    this.#stopDrain?.();
    this.#stopDrain = undefined;
  }
}

/**
 * Creates a worker's server: `worker.engine(app, options)` with the app prepared (static files, --env) and
 * counted; close() and destroy() are the engine's, drain() is the worker's addition. Options are the shared
 * ServerOptionsInput (options.signal triggers close()); throws what resolveServerOptions throws.
 */
export function createWorkerServer(app: Application, options: ServerOptionsInput, worker: CreateWorkerServerOptions): WorkerServer {
  return new DrainingServer(app, options, worker);
}
