/**
 * The `main` of every server bin: parse the command line, load the app (or the demo), start the server,
 * log where it listens, stop gracefully on SIGTERM/SIGINT (a second signal forces), reopen the access log
 * on SIGUSR1. It owns the process-level concerns; serving requests is the server's business.
 */
import type { Application } from "@patchbay/gateway";
import { openAccessLog, type ClosableAccessLog } from "./access-log.js";
import { formatHelp, parseCommandLine, type CommandLine } from "./cli-options.js";
import { DEMO_ROOT, demoApplication } from "./demo-application.js";
import { loadApplication } from "./load-application.js";
import { createLogger } from "./logger.js";
import type { FlagDefinition } from "./server-flags.js";
import type { Server, ServerOptionsInput } from "./server-types.js";

/** Exit status for a bad command line, a bad option or an application that cannot be loaded. */
export const EXIT_USAGE = 2;
/** Exit status when the server fails at run time (cannot bind, forced stop). */
export const EXIT_FAILURE = 1;
/** Exit status after a clean (graceful) stop. */
export const EXIT_OK = 0;

/** Creates the server for one run; the command line is passed so a server can read its own flags. */
export type CliCreateServer = (app: Application, options: ServerOptionsInput, commandLine: CommandLine) => Server;

/** Options of runServerCli. */
export interface RunServerCliOptions {
  /** Program name for messages and --help, e.g. "patchbay-loop". */
  name: string;
  /** Printed by --version and in the start-up log line. */
  version: string;
  createServer: CliCreateServer;
  /** The server's own flags (see SERVER_FLAGS for the shape). Default none. */
  extraFlags?: readonly FlagDefinition[];
  /** Default process.argv.slice(2). */
  argv?: readonly string[];
  /** Default process.env (HOST, PORT). */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Receives --help and --version output. Default process.stdout.write. */
  writeOut?: (text: string) => void;
  /** Receives error lines and the server log. Default process.stderr.write. */
  writeError?: (text: string) => void;
}

/** The signals that stop the server: the first gracefully, the second at once. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"];
/** gunicorn's signal for reopening log files after rotation. */
const REOPEN_SIGNAL: NodeJS.Signals = "SIGUSR1";

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/**
 * Runs a server from the command line until it is stopped; resolves with the process exit status
 * (EXIT_OK after a graceful stop, EXIT_FAILURE after a forced one or a failure to listen, EXIT_USAGE for
 * a bad flag, option or module, reported as one line "<name>: error: <message>" on stderr).
 * The bin calls `process.exit(await runServerCli(...))`.
 */
export async function runServerCli(options: RunServerCliOptions): Promise<number> {
  const writeOut = options.writeOut ?? ((text: string) => void process.stdout.write(text));
  const writeError = options.writeError ?? ((text: string) => void process.stderr.write(text));
  const fail = (error: unknown, status: number): number => {
    writeError(`${options.name}: error: ${firstLine(error)}\n`);
    return status;
  };

  let commandLine: CommandLine;
  try {
    commandLine = parseCommandLine(options.argv ?? process.argv.slice(2), {
      ...(options.extraFlags === undefined ? {} : { extraFlags: options.extraFlags }),
      ...(options.environment === undefined ? {} : { environment: options.environment }),
    });
  } catch (error) {
    return fail(error, EXIT_USAGE);
  }
  if (commandLine.help) {
    writeOut(formatHelp(options.name, options.extraFlags));
    return EXIT_OK;
  }
  if (commandLine.version) {
    writeOut(`${options.name} ${options.version}\n`);
    return EXIT_OK;
  }

  const logger = createLogger({ level: commandLine.logLevel, write: writeError });
  let accessLog: ClosableAccessLog | null = null;
  let server: Server;
  try {
    if (commandLine.accessLog !== undefined) {
      accessLog = await openAccessLog({
        destination: commandLine.accessLog,
        ...(commandLine.accessLogFormat === undefined ? {} : { format: commandLine.accessLogFormat }),
        onError: (error) => logger.error("access log write failed", error),
      });
    }
    let app: Application;
    const serverOptions: ServerOptionsInput = { ...commandLine.options, logger, accessLog };
    if (commandLine.application === undefined) {
      app = demoApplication;
      serverOptions.root ??= DEMO_ROOT;
    } else {
      app = await loadApplication(commandLine.application);
    }
    server = options.createServer(app, serverOptions, commandLine);
    if (commandLine.application === undefined) logger.info(`No application given: serving the demo (document root ${serverOptions.root})`);
  } catch (error) {
    await accessLog?.close();
    return fail(error, EXIT_USAGE);
  }

  logger.info(`Starting ${options.name} ${options.version}`);
  try {
    const addresses = await server.listen();
    for (const address of addresses) logger.info(`Listening at ${address.url} (pid ${process.pid})`);
  } catch (error) {
    logger.error(`cannot listen: ${firstLine(error)}`);
    await server.destroy();
    await accessLog?.close();
    return fail(error, EXIT_FAILURE);
  }

  let removeListeners = (): void => {};
  const status = await new Promise<number>((resolve) => {
    let stopping = false;
    // Set by the second signal: the graceful close() then resolves too, but the stop was not graceful.
    let forced = false;
    const onStop = (signal: NodeJS.Signals): void => {
      if (!stopping) {
        stopping = true;
        logger.info(`Received ${signal}: stopping gracefully (a second signal forces)`);
        server.close().then(
          () => resolve(forced ? EXIT_FAILURE : EXIT_OK),
          (error: unknown) => {
            logger.error("graceful stop failed", error);
            resolve(EXIT_FAILURE);
          },
        );
        return;
      }
      forced = true;
      logger.warning(`Received ${signal} again: closing every connection now`);
      void server.destroy().then(() => resolve(EXIT_FAILURE));
    };
    const onReopen = (): void => {
      logger.info("Reopening the access log");
      accessLog?.reopen();
    };
    for (const signal of STOP_SIGNALS) process.on(signal, onStop);
    process.on(REOPEN_SIGNAL, onReopen);
    removeListeners = () => {
      for (const signal of STOP_SIGNALS) process.off(signal, onStop);
      process.off(REOPEN_SIGNAL, onReopen);
    };
  });
  removeListeners();
  logger.info(status === EXIT_OK ? "Stopped" : "Stopped (forced)");
  await accessLog?.close();
  return status;
}
