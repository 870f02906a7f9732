/**
 * `gateway.disconnect` without a closure per request: one shared getter on every environ asks the environ's
 * source (its connection) for the signal. It only wires the property; the connection decides when to abort.
 */
import type { Environ } from "@patchbay/gateway";

/** Whoever hands out the `gateway.disconnect` signal of the environs it created (a Connection). */
export interface DisconnectSource {
  /** The signal for `environ`; called on the app's first read of `gateway.disconnect`. */
  disconnectSignalFor(environ: Environ): AbortSignal;
}

/** The reason message of an aborted `gateway.disconnect`. */
export const DISCONNECT_MESSAGE = "the client closed the connection before the response was complete";

/** The signal an app gets when it asks after its response finished: that response can no longer be cut off. */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/** The environ key pointing back to the source. */
const SOURCE = Symbol("patchbay.socket.disconnect-source");

type SourcedEnviron = Environ & { [SOURCE]: DisconnectSource };

/** One shared accessor, so offering `gateway.disconnect` allocates nothing per request until an app reads it. */
const DISCONNECT_PROPERTY: PropertyDescriptor = {
  get(this: SourcedEnviron): AbortSignal {
    return this[SOURCE].disconnectSignalFor(this);
  },
  enumerable: true,
  configurable: true,
};

/** Makes `environ["gateway.disconnect"]` ask `source` for its signal, on first read. */
export function attachDisconnectSignal(environ: Environ, source: DisconnectSource): void {
  (environ as SourcedEnviron)[SOURCE] = source;
  Object.defineProperty(environ, "gateway.disconnect", DISCONNECT_PROPERTY);
}
