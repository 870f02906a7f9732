// A raw node:net test client: sends exact bytes and collects what comes back until the server closes or a
// bounded wait ends. Test support only; it never starts a server.
import { connect, type Socket } from "node:net";

/** What came back over one raw connection. */
export interface RawExchange {
  /** Everything received, as latin-1 text. */
  text: string;
  /** True when the server ended or closed the connection within the wait. */
  closed: boolean;
}

/** Options of rawExchange. */
export interface RawExchangeOptions {
  /** Longest wait for the server to close, in ms (default 2000); the exchange then resolves with closed false. */
  waitMs?: number;
  /** Resolve as soon as the received text contains this many "HTTP/1." status lines (default: wait for close). */
  responses?: number;
  /** Resolve as soon as the received text satisfies this (default: wait for close). */
  until?: (text: string) => boolean;
  /** Send FIN after the bytes (a half-closed client). Default false. */
  endAfterWrite?: boolean;
}

/** Opens a TCP connection to 127.0.0.1:`port`. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

/** Counts final and interim status lines in `text`. */
export function countStatusLines(text: string): number {
  // Not anchored to a line start: a response body without a trailing newline runs into the next status line.
  return text.match(/HTTP\/1\.[01] \d{3} /g)?.length ?? 0;
}

/** Collects from an open socket until it closes, `responses` status lines arrived, or `waitMs` passed. */
export function collect(socket: Socket, options: RawExchangeOptions = {}): Promise<RawExchange> {
  const waitMs = options.waitMs ?? 2000;
  return new Promise((resolve) => {
    let text = "";
    let settled = false;
    const finish = (closed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off("data", onData);
      resolve({ text, closed });
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString("latin1");
      if (options.responses !== undefined && countStatusLines(text) >= options.responses) finish(false);
      else if (options.until?.(text) === true) finish(false);
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on("data", onData);
    socket.once("end", () => finish(true));
    socket.once("close", () => finish(true));
    socket.on("error", () => finish(true));
  });
}

/** Sends `bytes` on a new connection and collects the answer (see collect); always destroys the socket after. */
export async function rawExchange(port: number, bytes: string | Uint8Array, options: RawExchangeOptions = {}): Promise<RawExchange> {
  const socket = await openSocket(port);
  try {
    const answer = collect(socket, options);
    socket.write(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes);
    if (options.endAfterWrite === true) socket.end();
    return await answer;
  } finally {
    socket.destroy();
  }
}

/** The port of the first TCP address a server listens on. */
export function portOf(addresses: readonly ({ port: number } | { path: string })[]): number {
  const first = addresses[0];
  if (first === undefined || !("port" in first)) throw new Error("the server has no TCP address");
  return first.port;
}
