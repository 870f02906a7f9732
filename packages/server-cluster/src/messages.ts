/**
 * The typed IPC messages between the arbiter (primary) and its workers, as discriminated unions, with
 * guards for what arrives over the channel. Shapes only: sending and acting on them is elsewhere.
 */
import type { ServerAddress } from "@patchbay/server-kit";

/** Sent by a worker every HEARTBEAT_INTERVAL_MS from its event loop; a blocked loop sends none. */
export interface HeartbeatMessage {
  type: "heartbeat";
  /** Requests this worker has served so far. */
  requests: number;
}

/** Sent once, when the worker's engine listens on every address. */
export interface ListeningMessage {
  type: "listening";
  /** The addresses as bound, in --bind order (ports resolved). */
  addresses: ServerAddress[];
}

/** Sent instead of "listening" when the app cannot be loaded or the engine cannot listen. */
export interface BootFailedMessage {
  type: "boot-failed";
  /** One line for a person: what failed and why. */
  message: string;
}

/** Sent once when the worker has served its max-requests: it asks to be replaced gracefully. */
export interface RetireMessage {
  type: "retire";
  requests: number;
}

/** Every message a worker sends to the arbiter. */
export type WorkerMessage = HeartbeatMessage | ListeningMessage | BootFailedMessage | RetireMessage;

/** Asks a worker to stop: stop accepting, let in-flight requests finish within gracefulMs, exit. */
export interface StopMessage {
  type: "stop";
  /** 0: close every connection at once (quick stop). */
  gracefulMs: number;
}

/** Asks a worker to reopen its log files (SIGUSR1 on the arbiter, after log rotation). */
export interface ReopenLogsMessage {
  type: "reopen-logs";
}

/** Every message the arbiter sends to a worker. */
export type PrimaryMessage = StopMessage | ReopenLogsMessage;

function typeOf(value: unknown): unknown {
  return typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
}

/** True when `value` is a well-formed WorkerMessage (node:cluster's own messages are not). */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  const message = value as Record<string, unknown>;
  switch (typeOf(value)) {
    case "heartbeat":
    case "retire":
      return typeof message.requests === "number";
    case "listening":
      return Array.isArray(message.addresses);
    case "boot-failed":
      return typeof message.message === "string";
    default:
      return false;
  }
}

/** True when `value` is a well-formed PrimaryMessage. */
export function isPrimaryMessage(value: unknown): value is PrimaryMessage {
  switch (typeOf(value)) {
    case "stop":
      return typeof (value as { gracefulMs?: unknown }).gracefulMs === "number";
    case "reopen-logs":
      return true;
    default:
      return false;
  }
}
