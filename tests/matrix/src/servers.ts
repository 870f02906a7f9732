// The matrix's rows: every patchbay server, each able to start one matrix app (validated, static files beside it) on 127.0.0.1:0. No scenarios here.
import type { Application, ValidationError } from "@patchbay/gateway";
import { validate } from "@patchbay/gateway";
import { createLogger } from "@patchbay/server-kit";
import type { CreateServer } from "@patchbay/server-kit";
import { createServer as createLoopServer } from "@patchbay/server-loop";
import type { MatrixApp } from "./apps.js";
import { captureErrorStream } from "./capture-error-stream.js";
import { STATIC_PREFIX } from "./contract.js";
import { MatrixError } from "./errors.js";
import { STATIC_DIRECTORY } from "./static-directory.js";

/** How long close() lets in-flight requests finish before it drops connections (every scenario has finished by then). */
const CLOSE_GRACE_MS = 2000;

/** What a row needs to start one cell's server. */
export interface MatrixServerStart {
  /** The column's app. */
  app: MatrixApp;
  /** Receives each broken rule the validator around the app reports (the request goes on, so a scenario still sees the answer). */
  onViolation: (error: ValidationError) => void;
  /** Receives each line the server writes to its error log (warnings and errors) and each write to `gateway.errors`. */
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

/**
 * The app an in-process server runs: validated, with violations collected rather than thrown (so one
 * broken rule fails one test), and `gateway.errors` collected into the cell's log.
 */
function validatedApp(options: MatrixServerStart): Application {
  return captureErrorStream(options.log)(validate(options.app.create(), { onViolation: options.onViolation }));
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
 * The rows, in grid order. server-socket and server-cluster join as their packages export a server
 * (see README.md, "Rows").
 */
export const MATRIX_SERVERS: readonly MatrixServer[] = [{ name: "server-loop", start: inProcessStart(createLoopServer), skip: [] }];
