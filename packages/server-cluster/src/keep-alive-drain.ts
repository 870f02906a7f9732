/**
 * Lets keep-alive clients leave between requests during a graceful stop: while a drain is on, every
 * node:http response on the drained ports says `Connection: close` (RFC 9112 §9.6), so an active client
 * closes after its next response instead of having its idle connection cut under a request it is sending
 * (the race a plain close of idle connections has). Uses Node's public diagnostics channel; it never
 * touches a body or a header the app set, and costs nothing per request while no drain is on.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { ServerAddress } from "@patchbay/server-kit";

/** Published by node:http for every request, before the server's "request" listeners run. */
const REQUEST_START_CHANNEL = "http.server.request.start";

/**
 * Starts draining the connections of the server bound at `addresses`: from now on each of their node:http
 * responses closes its connection (the engine reads shouldKeepAlive when it picks the Connection header).
 * Returns the function that stops the drain. Engines not built on node:http are not affected.
 */
export function startKeepAliveDrain(addresses: readonly ServerAddress[]): () => void {
  const ports = new Set<number>();
  let hasPath = false;
  for (const address of addresses) {
    if ("port" in address) ports.add(address.port);
    else hasPath = true;
  }
  const onRequestStart = (message: unknown): void => {
    const { response, socket } = message as { response: ServerResponse; socket: Socket };
    const port = socket.localPort;
    if (port === undefined ? hasPath : ports.has(port)) response.shouldKeepAlive = false;
  };
  subscribe(REQUEST_START_CHANNEL, onRequestStart);
  return () => {
    unsubscribe(REQUEST_START_CHANNEL, onRequestStart);
  };
}
