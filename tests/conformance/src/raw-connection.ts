/**
 * A raw TCP client for conformance cases that must see the wire: keep-alive reuse, framing, aborted
 * responses, pipelining. It sends bytes and reads whole responses; it never interprets them (raw-response.ts).
 */
import { connect, type Socket } from "node:net";
import { parseResponse, type RawResponse } from "./raw-response.js";

/** How long a read waits for the server before failing the test with a clear message. */
export const RAW_READ_TIMEOUT_MS = 5000;

/** Options of RawConnection.readResponse. */
export interface ReadResponseOptions {
  /** The request was HEAD (the response carries no body). Default false. */
  head?: boolean;
  /** Give up after this many milliseconds. Default RAW_READ_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** One client connection to a server under test. */
export class RawConnection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #closed = false;
  #reset = false;
  #wake: (() => void) | undefined;
  readonly #closedPromise: Promise<void>;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on("data", (data: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? data : Buffer.concat([this.#buffer, data]);
      this.#wake?.();
    });
    // A reset (the server aborting a response) counts as a close: the test looks at what arrived before it.
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNRESET") this.#reset = true;
    });
    this.#closedPromise = new Promise((resolve) => {
      socket.once("close", () => {
        this.#closed = true;
        this.#wake?.();
        resolve();
      });
    });
  }

  /** Opens a connection to host:port (default host 127.0.0.1). */
  static open(port: number, host = "127.0.0.1"): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host });
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.off("error", reject);
        resolve(new RawConnection(socket));
      });
    });
  }

  /** Opens a connection to a unix domain socket. */
  static openPath(path: string): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ path });
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.off("error", reject);
        resolve(new RawConnection(socket));
      });
    });
  }

  /** True once the server (or this side) has closed the connection. */
  get closed(): boolean {
    return this.#closed;
  }

  /** True when the server reset the connection (RST) instead of closing it. */
  get reset(): boolean {
    return this.#reset;
  }

  /** Bytes received and not yet read as a response. */
  get pending(): Buffer {
    return this.#buffer;
  }

  /** Sends bytes (a string is sent as latin1, byte for byte). */
  send(data: string | Uint8Array): void {
    this.#socket.write(typeof data === "string" ? Buffer.from(data, "latin1") : data);
  }

  /** Stops reading from the socket (the kernel buffers fill and the server sees backpressure). */
  pause(): void {
    this.#socket.pause();
  }

  /** Half-closes the sending side, as a client does after its last request. */
  endWriting(): void {
    this.#socket.end();
  }

  /**
   * Reads the next whole response (a 1xx interim response counts as one). Resolves with `complete: false`
   * when the connection closed mid-body; rejects when it closed before a head, or on timeout.
   */
  async readResponse(options: ReadResponseOptions = {}): Promise<RawResponse> {
    const timeoutMs = options.timeoutMs ?? RAW_READ_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = parseResponse(this.#buffer, { head: options.head === true, closed: this.#closed });
      if (parsed !== undefined) {
        this.#buffer = this.#buffer.subarray(parsed.consumed);
        return parsed.response;
      }
      if (this.#closed) throw new Error(`connection closed before a whole response head arrived (got ${JSON.stringify(this.#buffer.toString("latin1").slice(0, 200))})`);
      await this.#waitForData(deadline, timeoutMs);
    }
  }

  /** Resolves once the server closes the connection; rejects after `timeoutMs` (default RAW_READ_TIMEOUT_MS). */
  async waitForClose(timeoutMs = RAW_READ_TIMEOUT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the server did not close the connection within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.#closedPromise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Destroys the connection from the client side. */
  close(): void {
    this.#socket.destroy();
  }

  #waitForData(deadline: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        reject(new Error(`no whole response within ${timeoutMs} ms (got ${JSON.stringify(this.#buffer.toString("latin1").slice(0, 200))})`));
      }, Math.max(0, deadline - Date.now()));
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }
}
