/**
 * The one pending timeout of a connection: which kind and when. A value the server's sweep reads, so a
 * connection costs no timer of its own; it never decides what a timeout does (the connection does).
 */

/** No timeout pending. */
export const TIMEOUT_NONE = 0;
/** The request head must complete (timeouts.headersMs, the slowloris guard). */
export const TIMEOUT_HEAD = 1;
/** An idle keep-alive connection waits for its next request (timeouts.keepAliveMs). */
export const TIMEOUT_IDLE = 2;
/** The request body must complete (timeouts.requestMs from the first byte of the head). */
export const TIMEOUT_BODY = 3;
/** After our FIN, the client has this long to close its side (LINGER_MS). */
export const TIMEOUT_LINGER = 4;

/** A kind of connection timeout. */
export type TimeoutKind = typeof TIMEOUT_NONE | typeof TIMEOUT_HEAD | typeof TIMEOUT_IDLE | typeof TIMEOUT_BODY | typeof TIMEOUT_LINGER;

/** A connection's pending timeout; times are Date.now() milliseconds. */
export class ConnectionDeadline {
  /** The pending kind, TIMEOUT_NONE for none. */
  kind: TimeoutKind = TIMEOUT_NONE;
  /** When it fires; 0 for none. */
  at = 0;

  /** Arms `kind` to fire `milliseconds` after `from` (default now); 0 milliseconds means "no limit" and clears. */
  set(kind: TimeoutKind, milliseconds: number, from: number = Date.now()): void {
    if (milliseconds <= 0) {
      this.clear();
      return;
    }
    this.kind = kind;
    this.at = from + milliseconds;
  }

  /** Disarms: nothing is pending. */
  clear(): void {
    this.kind = TIMEOUT_NONE;
    this.at = 0;
  }

  /** The kind that is due at `now` (and clears it), or TIMEOUT_NONE. */
  takeDue(now: number): TimeoutKind {
    if (this.at === 0 || now < this.at) return TIMEOUT_NONE;
    const kind = this.kind;
    this.clear();
    return kind;
  }
}
