// The matrix's rows: every patchbay server, each able to start one matrix app (validated, static files beside it) on 127.0.0.1:0. No scenarios here.
import type { Application } from "@patchbay/gateway";
import { createLogger } from "@patchbay/server-kit";
import type { CreateServer } from "@patchbay/server-kit";
import { createServer as createLoopServer } from "@patchbay/server-loop";
import { createServer as createSocketServer } from "@patchbay/server-socket";
import type { MatrixApp } from "./apps.js";
import { captureErrorStream } from "./capture-error-stream.js";
import { STATIC_PREFIX } from "./contract.js";
import { MatrixError } from "./errors.js";
import { startClusterProcess } from "./spawn-cluster.js";
import { STATIC_DIRECTORY } from "./static-directory.js";
import { validateMatrixApp } from "./validate-matrix-app.js";

/** How long close() lets in-flight requests finish before it drops connections (every scenario has finished by then). */
const CLOSE_GRACE_MS = 2000;

/** What a row needs to start one cell's server. */
export interface MatrixServerStart {
  /** The column's app. */
  app: MatrixApp;
  /**
   * Receives what the server writes to its error log and what is written to `gateway.errors`, including
   * the validator's "patchbay validate: … violation" lines.
   */
  log: (text: string) => void;
}

/** One started cell server. */
export interface RunningServer {
  /** "http://127.0.0.1:PORT". */
  url: string;
  /** Stops the server gracefully. */
  close(): Promise<void>;
}

/** A scenario a row does not run, and why (shown under the grid). */
export interface SkippedScenario {
  scenario: string;
  reason: string;
}

/** One row of the matrix. */
export interface MatrixServer {
  /** Row name in test names and the grid. */
  readonly name: string;
  /** Starts the server on 127.0.0.1, port 0, with the app validated and the static directory mounted beside it. */
  start(options: MatrixServerStart): Promise<RunningServer>;
  /** Scenarios this row does not run (none today). */
  readonly skip: readonly SkippedScenario[];
}

/** The app an in-process server runs: validated (violations logged), with `gateway.errors` collected into the cell's log. */
function validatedApp(options: MatrixServerStart): Application {
  return captureErrorStream(options.log)(validateMatrixApp(options.app.create()));
}

/** A row for a server that runs the app in this process through the shared `createServer(app, options)` signature. */
function inProcessStart(createServer: CreateServer): MatrixServer["start"] {
  return async (options) => {
    const server = createServer(validatedApp(options), {
      host: "127.0.0.1",
      port: 0,
      static: [{ prefix: STATIC_PREFIX, directory: STATIC_DIRECTORY }],
      logger: createLogger({ level: "warning", write: options.log }),
      accessLog: null,
    });
    const [address] = await server.listen();
    if (address === undefined || !("port" in address)) {
      await server.destroy();
      throw new MatrixError("ERR_MATRIX_SERVER_START", `the server for ${options.app.name} did not bind a TCP address`);
    }
    return { url: address.url, close: () => server.close(CLOSE_GRACE_MS) };
  };
}

/**
 * server-cluster's row: its workers are other processes, so it runs the real bin on the app's module
 * reference (the validated export of cluster-apps.ts) and reads their stderr as the log.
 */
function clusterStart(options: MatrixServerStart): ReturnType<MatrixServer["start"]> {
  return startClusterProcess({ reference: options.app.reference, flags: ["--static", `${STATIC_PREFIX}=${STATIC_DIRECTORY}`], log: options.log });
}

/** The rows, in grid order: the three servers. */
export const MATRIX_SERVERS: readonly MatrixServer[] = [
  { name: "server-loop", start: inProcessStart(createLoopServer), skip: [] },
  { name: "server-socket", start: inProcessStart(createSocketServer), skip: [] },
  { name: "server-cluster", start: clusterStart, skip: [] },
];
