/** The fixed limits of one connection (not options: they bound what a connection holds, not what a request may be). */
/**
 * Most unread body bytes read and dropped after a response so the connection can carry another request
 * (as node:http and waitress do); a larger rest closes the connection instead.
 */
export const MAX_DRAIN_BYTES = 256 * 1024;
/**
 * Most bytes of pipelined requests held while a response is in progress; past it the socket stops being
 * read until the response is done (they are parsed only then, in order).
 */
export const MAX_PIPELINED_BYTES = 64 * 1024;
/**
 * After the server ends its side, the time the client has to close its own before the socket is destroyed.
 * Meanwhile incoming bytes are read and dropped (never parsed), so the kernel does not answer them with a
 * reset that could destroy the response on its way (the "lingering close" of Apache and nginx).
 */
export const LINGER_MS = 2000;
