/**
 * The seam between the shared response writer and a server's transport.
 * A sink owns the wire; it never decides framing, headers or status (the writer does).
 */
import type { HeaderList } from "./types.js";

/** How the body is delimited on the wire (RFC 9112 §6). */
export type Framing = "content-length" | "chunked" | "close" | "none";

/** The final response head, decided by the writer. */
export interface ResponseHead {
  status: number;
  reason: string;
  /** Final header list, including Date, Server, Content-Length or Transfer-Encoding, and Connection. */
  headers: HeaderList;
  framing: Framing;
  /** Whether the connection stays open after this response. */
  keepAlive: boolean;
}

/** A transport the writer sends one response into (node:http ServerResponse, a raw socket, memory). */
export interface ResponseSink {
  /** Sends the status line and headers. Called exactly once, before any write(). */
  sendHead(head: ResponseHead): void;
  /**
   * Sends body bytes; a "chunked" sink adds the chunk framing itself.
   * Returns false when the caller must await drain() before writing more.
   */
  write(chunk: Uint8Array): boolean;
  /** Resolves when the sink can take more bytes, or when the client is gone. */
  drain(): Promise<void>;
  /** Completes the response (a "chunked" sink writes the last chunk). */
  end(): void;
  /**
   * Optional: write(chunk) then end() in one call, for the last bytes of a body the writer had whole
   * (node:http's end(chunk) spares a socket cork and a tick per response).
   */
  endWith?(chunk: Uint8Array): void;
  /**
   * Optional: like endWith(), for a whole body the application gave as one string. The sink encodes it as
   * UTF-8 in its own write (node:http's end(text), a socket write), sparing the writer a byte array per
   * response. `byteLength` is its UTF-8 length, already sent as Content-Length.
   */
  endWithText?(text: string, byteLength: number): void;
  /** The response cannot be completed: destroy the connection so the client never sees a truncated body as whole. */
  abort(error: Error): void;
  /** True once the client has gone away; the writer then stops and closes the body. */
  readonly clientGone: boolean;
}
