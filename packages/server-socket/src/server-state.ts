/** What the server shares with each of its connections. Types only. */
import type { Application, ErrorStream } from "@patchbay/gateway";
import type { ServerOptions } from "@patchbay/server-kit";

/** What every connection of one server shares. */
export interface ServerState {
  /** The prepared application (static files and --env already wrapped around it). */
  readonly app: Application;
  readonly options: ServerOptions;
  /** True once a graceful stop began: responses then say "Connection: close". */
  closing: boolean;
  /** Receives application and connection errors for the error log. */
  readonly onError: (message: string, error: unknown) => void;
  /** `gateway.errors` of every request: the server's error log, shared (it keeps no per-request state). */
  readonly errors: ErrorStream;
}

/** Where a connection arrived: SERVER_NAME and SERVER_PORT of its requests. */
export interface ListenerAddress {
  readonly serverName: string;
  readonly serverPort: number;
}
