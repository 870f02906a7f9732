/**
 * The ResponseSink over node:http's ServerResponse: puts the head and body the shared writer decided on
 * the wire. It never chooses status, headers or framing; node adds the chunk framing when the writer's
 * head says `Transfer-Encoding: chunked`.
 */
import type { ServerResponse } from "node:http";
import { httpDate, type Framing, type ResponseHead, type ResponseSink } from "@patchbay/gateway";

/** How long an aborted response may take to flush what was already written before its socket is destroyed. */
const ABORT_FLUSH_TIMEOUT_MS = 5000;

/** What the sink needs to know of its server: whether a graceful stop has begun. */
export interface SinkServerState {
  readonly closing: boolean;
}

/** One response: created per request, so it holds nothing beyond the ServerResponse. */
export class ServerResponseSink implements ResponseSink {
  readonly #response: ServerResponse;
  readonly #server: SinkServerState;
  #framing: Framing = "none";
  #disconnect: AbortController | undefined;

  /** `server` is read when the head goes out: a stop that began after the request arrived still closes its connection. */
  constructor(response: ServerResponse, server: SinkServerState) {
    this.#response = response;
    this.#server = server;
  }

  sendHead(head: ResponseHead): void {
    this.#framing = head.framing;
    // The writer decided keep-alive when the request arrived; a graceful stop begun since then ends the
    // connection after this response, and node:http says so with "Connection: close" (RFC 9112 §9.6).
    const stopping = head.keepAlive && this.#server.closing;
    if (stopping) this.#response.shouldKeepAlive = false;
    const headers = head.headers;
    const date = httpDate();
    // node takes a flat [name, value, name, value…] list; repeated names (Set-Cookie) stay separate fields.
    const flat: string[] = [];
    for (let index = 0; index < headers.length; index++) {
      const header = headers[index] as [string, string];
      const name = header[0];
      // The writer's "Connection: keep-alive" (HTTP/1.0) would promise what a stopping server will not keep.
      if (stopping && name.toLowerCase() === "connection") continue;
      // node:http adds the same Date (IMF-fixdate, formatted once a second) itself when the list has none,
      // without re-checking it as a field: passing the writer's one through cost ~1.4% CPU per response.
      if (header[1] === date && name === "Date") continue;
      flat.push(name, header[1]);
    }
    this.#response.writeHead(head.status, head.reason, flat);
  }

  write(chunk: Uint8Array): boolean {
    return this.#response.write(chunk);
  }

  drain(): Promise<void> {
    const response = this.#response;
    if (response.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        response.off("drain", done);
        response.off("close", done);
        resolve();
      };
      response.on("drain", done);
      response.on("close", done);
    });
  }

  end(): void {
    this.#response.end();
  }

  /** end(chunk) writes without node's write() path, which corks the socket and queues a tick to uncork it. */
  endWith(chunk: Uint8Array): void {
    this.#response.end(chunk);
  }

  /**
   * node:http joins its head and a string body into one string written in the body's encoding. ASCII text
   * is the same bytes in latin-1, the head's own encoding (its values may hold obs-text); other text goes
   * as UTF-8 bytes, after the head written apart.
   */
  endWithText(text: string, byteLength: number): void {
    if (byteLength === text.length) this.#response.end(text, "latin1");
    else this.#response.end(Buffer.from(text, "utf8"));
  }

  /**
   * Ends the connection without completing the response: a client must never take a cut-off body for a
   * whole one. A chunked or Content-Length body shows the cut (no last chunk, or fewer bytes than declared:
   * RFC 9112 §8), so what was written is flushed first and the client learns the status; a close-delimited
   * body cannot show it, so that connection is reset (RST) rather than closed with a FIN that would end it.
   */
  abort(): void {
    const socket = this.#response.socket;
    if (socket === null) this.#response.destroy();
    else if (this.#framing === "chunked" || this.#framing === "content-length") {
      socket.destroySoon();
      // A client that stops reading must not keep the half-sent response's socket open.
      setTimeout(() => socket.destroy(), ABORT_FLUSH_TIMEOUT_MS).unref();
    }
    else if (this.#framing === "close") socket.resetAndDestroy();
    else this.#response.destroy();
  }

  /**
   * `gateway.disconnect`: aborted when the connection closes before the response has finished. Created on
   * first use, so an application that never looks at it costs no AbortController per request.
   */
  get disconnectSignal(): AbortSignal {
    if (this.#disconnect === undefined) {
      const controller = new AbortController();
      this.#disconnect = controller;
      const response = this.#response;
      const check = (): void => {
        if (!response.writableFinished) controller.abort(new Error("the client closed the connection before the response was complete"));
      };
      if (response.destroyed) check();
      else response.once("close", check);
    }
    return this.#disconnect.signal;
  }

  /** True once the connection has closed (after a normal finish too, but the writer no longer asks then). */
  get clientGone(): boolean {
    return this.#response.destroyed;
  }
}
