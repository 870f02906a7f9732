// A raw HTTP/1.1 client connection on node:net, for what fetch hides (chunked uploads, HEAD framing, keep-alive); it never retries or reconnects.
import { connect, type Socket } from "node:net";
import { MatrixError } from "./errors.js";

/** Longest response head the reader accepts, in bytes. */
const MAX_RESPONSE_HEAD_BYTES = 64 * 1024;

/** One response as read off the wire. */
export interface RawResponse {
  /** The status code of the status line. */
  status: number;
  /** Header fields with lower-case names; repeated fields joined with ", ". */
  headers: Record<string, string>;
  /** The body bytes, de-chunked when the response was chunked. */
  body: Buffer;
}

/** How the reader should treat the body of the next response. */
export interface ReadResponseOptions {
  /** True for the answer to a HEAD request: the response ends after its head (RFC 9110 §9.3.2). Default false. */
  head?: boolean;
}

function malformed(message: string): MatrixError {
  return new MatrixError("ERR_MATRIX_RAW_RESPONSE", message);
}

/**
 * One TCP connection to a server that sends request bytes as given and reads responses one after the
 * other (RFC 9112 §6.3 framing: no body for HEAD/1xx/204/304, chunked, Content-Length, else until close).
 */
export class RawConnection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #ended = false;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on("data", (data: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? data : Buffer.concat([this.#buffer, data]);
      this.#notify();
    });
    socket.on("end", () => {
      this.#ended = true;
      this.#notify();
    });
    socket.on("error", (error) => {
      this.#failure = error;
      this.#notify();
    });
  }

  /** Opens a connection to the host and port of `baseUrl`. */
  static open(baseUrl: string): Promise<RawConnection> {
    const url = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port) });
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.off("error", reject);
        resolve(new RawConnection(socket));
      });
    });
  }

  /** The local port of this connection (to tell one connection from another). */
  get localPort(): number | undefined {
    return this.#socket.localPort;
  }

  /** Writes `data` (a string is sent as latin-1 bytes, as a request head is) and waits until it is flushed. */
  write(data: string | Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#socket.write(typeof data === "string" ? Buffer.from(data, "latin1") : data, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Reads the next whole response on this connection. Throws MatrixError ERR_MATRIX_RAW_RESPONSE when it is malformed or cut short. */
  async readResponse(options: ReadResponseOptions = {}): Promise<RawResponse> {
    const headEnd = await this.#waitFor(() => {
      const index = this.#buffer.indexOf("\r\n\r\n");
      if (index === -1 && this.#buffer.length > MAX_RESPONSE_HEAD_BYTES) throw malformed(`no end of response head within ${MAX_RESPONSE_HEAD_BYTES} bytes`);
      return index === -1 ? undefined : index;
    });
    const lines = this.#take(headEnd + 4).toString("latin1").slice(0, headEnd).split("\r\n");
    const statusMatch = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? "");
    if (statusMatch === null) throw malformed(`bad status line ${JSON.stringify(lines[0])}`);
    const status = Number(statusMatch[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      if (colon <= 0) throw malformed(`bad header line ${JSON.stringify(line)}`);
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    if (status < 200) return this.readResponse(options);
    let body: Buffer;
    if (options.head === true || status === 204 || status === 304) body = Buffer.alloc(0);
    else if (headers["transfer-encoding"] !== undefined) body = await this.#readChunked();
    else if (headers["content-length"] !== undefined) body = await this.#readExactly(Number(headers["content-length"]));
    else body = await this.#readToEnd();
    return { status, headers, body };
  }

  /** Closes the connection. */
  close(): void {
    this.#socket.destroy();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Resolves with the first defined answer of `check`, re-run after every event on the socket. */
  async #waitFor<T>(check: () => T | undefined): Promise<T> {
    for (;;) {
      const answer = check();
      if (answer !== undefined) return answer;
      if (this.#failure !== undefined) throw malformed(`connection failed: ${this.#failure.message}`);
      if (this.#ended) throw malformed("the server closed the connection in the middle of a response");
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #take(length: number): Buffer {
    const taken = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return taken;
  }

  async #readExactly(length: number): Promise<Buffer> {
    if (!Number.isSafeInteger(length) || length < 0) throw malformed(`bad Content-Length ${length}`);
    await this.#waitFor(() => (this.#buffer.length >= length ? true : undefined));
    return Buffer.from(this.#take(length));
  }

  async #readLine(): Promise<string> {
    const end = await this.#waitFor(() => {
      const index = this.#buffer.indexOf("\r\n");
      return index === -1 ? undefined : index;
    });
    return this.#take(end + 2).toString("latin1").slice(0, end);
  }

  /** De-chunks a body (RFC 9112 §7.1): size lines in hex, optional extensions, a last chunk, then trailers. */
  async #readChunked(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const sizeLine = await this.#readLine();
      const size = Number.parseInt(sizeLine.split(";")[0] ?? "", 16);
      if (!Number.isSafeInteger(size) || size < 0) throw malformed(`bad chunk size line ${JSON.stringify(sizeLine)}`);
      if (size === 0) break;
      parts.push(await this.#readExactly(size));
      if ((await this.#readLine()) !== "") throw malformed("chunk data not followed by CRLF");
    }
    while ((await this.#readLine()) !== "");
    return Buffer.concat(parts);
  }

  async #readToEnd(): Promise<Buffer> {
    await this.#waitFor(() => (this.#ended || this.#failure !== undefined ? true : undefined));
    return Buffer.from(this.#take(this.#buffer.length));
  }
}
