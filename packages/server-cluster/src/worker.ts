/**
 * A worker's life: load the app (by module reference), run it on the engine with multiprocess: true,
 * listen on the port the primary shares, send heartbeats from the event loop, report its request count,
 * and stop when told. It never forks or supervises anything; requests themselves are the engine's business.
 */
import type { Application } from "@patchbay/gateway";
import { createLogger, DEFAULT_TIMEOUTS, DEMO_ROOT, demoApplication, loadApplication, openAccessLog, type ClosableAccessLog } from "@patchbay/server-kit";
import { loadEngine } from "./engine.js";
import { isPrimaryMessage, type WorkerMessage } from "./messages.js";
import type { WorkerConfig } from "./worker-config.js";
import { createWorkerServer, KEEP_ALIVE_DRAIN_MS, type WorkerServer } from "./worker-server.js";

/** How often a worker proves its event loop is alive (gunicorn's workers tick about once a second). */
export const HEARTBEAT_INTERVAL_MS = 1_000;
/** Exit status of a worker that could not boot (gunicorn's WORKER_BOOT_ERROR). */
export const EXIT_BOOT_ERROR = 3;

/** The IPC side of a worker process (process itself, in a cluster worker). */
export interface WorkerChannel {
  send?: (message: WorkerMessage, sendHandle?: undefined, options?: undefined, callback?: (error: Error | null) => void) => boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

function ignoreSendError(): void {
  // The primary is gone (the channel closed): node:cluster ends this worker on "disconnect".
}

/**
 * Runs one worker until the primary stops it, then exits the process. A load or listen failure is sent
 * as "boot-failed" and the process exits with EXIT_BOOT_ERROR.
 */
export async function runWorker(config: WorkerConfig, channel: WorkerChannel = process as WorkerChannel): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const send = (message: WorkerMessage): void => {
    channel.send?.(message, undefined, undefined, ignoreSendError);
  };
  let server: WorkerServer | undefined;
  // Started before the app loads: a module that blocks the loop while importing is caught by the timeout too.
  const heartbeat = setInterval(() => send({ type: "heartbeat", requests: server?.requests ?? 0 }), HEARTBEAT_INTERVAL_MS);
  // Ctrl-C and a terminal hang-up reach the whole process group: the primary decides what they mean.
  process.on("SIGINT", () => {});
  process.on("SIGHUP", () => {});

  let accessLog: ClosableAccessLog | null = null;
  let stop: ((gracefulMs: number) => Promise<void>) | undefined;
  // A stop that arrives while the app still loads is kept (the quickest wins) and carried out once booted;
  // ignoring it left a booting worker running until the primary's SIGKILL, a whole graceful period later.
  let stopAfterBootMs: number | undefined;
  channel.on("message", (message) => {
    if (!isPrimaryMessage(message)) return;
    if (message.type !== "stop") accessLog?.reopen();
    else if (stop !== undefined) void stop(message.gracefulMs);
    else stopAfterBootMs = Math.min(stopAfterBootMs ?? message.gracefulMs, message.gracefulMs);
  });
  try {
    let app: Application;
    const serverInput = { ...config.server };
    if (config.application === undefined) {
      app = demoApplication;
      serverInput.root ??= DEMO_ROOT;
    } else {
      app = await loadApplication(config.application, { cwd: config.cwd });
    }
    const engine = await loadEngine(config.engine);
    if (config.accessLog !== undefined) {
      accessLog = await openAccessLog({
        destination: config.accessLog,
        ...(config.accessLogFormat === undefined ? {} : { format: config.accessLogFormat }),
        onError: (error) => logger.error("access log write failed", error),
      });
    }
    server = createWorkerServer(app, { ...serverInput, logger, accessLog, multiprocess: true }, { engine, maxRequests: config.maxRequests, onRetire: (requests) => send({ type: "retire", requests }) });
    const addresses = await server.listen();
    send({ type: "listening", addresses });
    logger.debug(`Worker listening (${config.engine} engine)`);
  } catch (error) {
    clearInterval(heartbeat);
    await accessLog?.close();
    send({ type: "boot-failed", message: firstLine(error) });
    logger.debug(`Worker failed to boot: ${firstLine(error)}`);
    // Let the message reach the primary before the channel goes away.
    setImmediate(() => process.exit(EXIT_BOOT_ERROR));
    return;
  }

  const running = server;
  let stopping: Promise<void> | undefined;
  stop = (gracefulMs: number): Promise<void> => {
    stopping ??= (async () => {
      if (gracefulMs === 0) {
        await running.destroy();
      } else {
        const drainMs = Math.min(KEEP_ALIVE_DRAIN_MS, Math.floor(gracefulMs / 2));
        await running.drain(drainMs);
        await running.close(gracefulMs - drainMs);
      }
      clearInterval(heartbeat);
      await accessLog?.close();
      process.exit(0);
    })();
    return stopping;
  };
  const stopNow = stop;
  process.on("SIGTERM", () => void stopNow(config.server.timeouts?.gracefulMs ?? DEFAULT_TIMEOUTS.gracefulMs));
  process.on("SIGUSR1", () => accessLog?.reopen());
  if (stopAfterBootMs !== undefined) void stop(stopAfterBootMs);
}
