/**
 * Lets keep-alive clients leave between requests during a graceful stop: while a drain is on, every
 * node:http response of this process says `Connection: close` (RFC 9112 §9.6), so an active client closes
 * after its next response instead of having its idle connection cut under a request it is sending (the
 * race a plain close of idle connections has). Uses Node's public diagnostics channel; it never touches a
 * body or a header the app set, and costs nothing per request while no drain is on.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";

/** Published by node:http for every request, before the server's "request" listeners run. */
const REQUEST_START_CHANNEL = "http.server.request.start";

function closeAfterResponse(message: unknown): void {
  (message as { response: ServerResponse }).response.shouldKeepAlive = false;
}

/**
 * Starts draining: from now on every node:http response in this process closes its connection (the engine
 * reads shouldKeepAlive when it picks the response's Connection header). Returns the function that stops it.
 * Engines not built on node:http are not affected.
 */
export function startKeepAliveDrain(): () => void {
  subscribe(REQUEST_START_CHANNEL, closeAfterResponse);
  return () => {
    unsubscribe(REQUEST_START_CHANNEL, closeAfterResponse);
  };
}
