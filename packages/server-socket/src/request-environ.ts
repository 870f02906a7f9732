/**
 * Builds the environ of one parsed request head, once, with the shared empty input (the connection swaps in a
 * body stream when the head announces one). No I/O; a target that cannot be decoded throws (status 400).
 */
import { createEmptyInputStream, createEnviron, type Environ, type ErrorStream, type InputStream } from "@patchbay/gateway";
import type { RequestHead } from "./parser.js";
import type { ListenerAddress } from "./server-state.js";

/** Shared by every request without a body: an input at its end holds no per-request state. */
const NO_BODY_INPUT: InputStream = createEmptyInputStream();

/** The client end of a connection: REMOTE_ADDR and REMOTE_PORT ("" and 0 on a unix socket). */
export interface PeerAddress {
  readonly remoteAddress: string;
  readonly remotePort: number;
}

/**
 * The environ for `head` arriving from `peer` at `address`, with `errors` as its `gateway.errors`. Throws the
 * gateway's GatewayError (status 400) for a request target whose path cannot be percent-decoded.
 */
export function createRequestEnviron(head: RequestHead, peer: PeerAddress, address: ListenerAddress, errors: ErrorStream, multiprocess: boolean): Environ {
  return createEnviron({
    method: head.method,
    target: head.target,
    protocol: head.protocol,
    rawHeaders: head.rawHeaders,
    remoteAddress: peer.remoteAddress,
    remotePort: peer.remotePort,
    serverName: address.serverName,
    serverPort: address.serverPort,
    input: NO_BODY_INPUT,
    errors,
    multiprocess,
  });
}
