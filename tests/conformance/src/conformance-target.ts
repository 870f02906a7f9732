/** What a server hands the conformance suite: its name, its factory, and areas it does not implement. Types only. */
import type { CreateServer } from "@patchbay/server-kit";

/** The areas the suite covers, one case file each. */
export type ConformanceArea =
  | "environ"
  | "request-line"
  | "request-body"
  | "response-framing"
  | "body-kinds"
  | "streaming"
  | "app-errors"
  | "keep-alive"
  | "static"
  | "graceful-stop"
  | "access-log"
  | "environ-injection"
  | "limits"
  | "lifecycle";

/** A server under test. */
export interface ServerConformanceTarget {
  /** Shown in the suite's describe() title, e.g. "server-loop". */
  name: string;
  /** The server's exported createServer; the suite passes it the shared ServerOptionsInput. */
  createServer: CreateServer;
  /**
   * Areas this server does not implement BY DESIGN, each with the reason (shown in the report). Never use it
   * to hide a failing case: a case a server fails is a bug to fix or report. Default: none.
   */
  skip?: Partial<Record<ConformanceArea, string>>;
}
