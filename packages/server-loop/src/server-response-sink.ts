/**
 * The ResponseSink over node:http's ServerResponse: puts the head and body the shared writer decided on
 * the wire. It never chooses status, headers or framing; node adds the chunk framing when the writer's
 * head says `Transfer-Encoding: chunked`.
 */
import type { ServerResponse } from "node:http";
import type { ResponseHead, ResponseSink } from "@patchbay/gateway";

/** One response: created per request, so it holds nothing beyond the ServerResponse. */
export class ServerResponseSink implements ResponseSink {
  readonly #response: ServerResponse;
  #disconnect: AbortController | undefined;

  constructor(response: ServerResponse) {
    this.#response = response;
  }

  sendHead(head: ResponseHead): void {
    const headers = head.headers;
    // node takes a flat [name, value, name, value…] list; repeated names (Set-Cookie) stay separate fields.
    const flat: string[] = [];
    for (let index = 0; index < headers.length; index++) {
      const header = headers[index] as [string, string];
      flat.push(header[0], header[1]);
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

  /** Destroys the connection: a client must never take a cut-off body for a whole one. */
  abort(): void {
    this.#response.destroy();
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
