/**
 * @patchbay/server-socket — patchbay's node:net server with its own strict HTTP/1.1 parser.
 * Only a barrel of named exports.
 */

// The HTTP/1.1 request parser (pure, no I/O): heads, bodies, and its error values
export { CHUNKED_BODY, MAX_BODY_BYTES, MAX_HEADER_BYTES, MAX_HEADER_COUNT, MAX_REQUEST_LINE_BYTES, NO_BODY, RequestParser } from "./parser.js";
export type { BodyFraming, HeadComplete, HeadIncomplete, HeadLimits, HeadResult, RequestHead } from "./parser.js";
export { MAX_CHUNK_EXTENSION_BYTES, MAX_CHUNK_SIZE_DIGITS, createBodyDecoder } from "./body-decoder.js";
export type { BodyData, BodyDecoder, BodyLimits, BodyResult } from "./body-decoder.js";
export { PARSE_ERROR_STATUS, SocketError, createParseError } from "./errors.js";
export type { ParseError, ParseErrorCode, SocketErrorCode, SocketServerErrorCode } from "./errors.js";

// The server (node:net, one Connection per socket)
export { createServer, serve } from "./server.js";
export { Connection } from "./connection.js";
export { LINGER_MS, MAX_DRAIN_BYTES, MAX_PIPELINED_BYTES } from "./connection-limits.js";
export type { ListenerAddress, ServerState } from "./server-state.js";
export { BATCH_HIGH_WATER_BYTES, SocketSink } from "./socket-sink.js";
export { BODY_QUEUE_HIGH_WATER_BYTES, RequestBody } from "./request-body.js";
export type { RequestBodyOwner } from "./request-body.js";
export { formatErrorResponse } from "./error-response.js";
