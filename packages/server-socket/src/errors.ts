/**
 * server-socket's error codes, their HTTP statuses, and the parse-error value the parser returns.
 * Protocol errors are values (never thrown); `SocketError` exists for logs and cause chains.
 */
import { GatewayError } from "@patchbay/gateway";

/**
 * The HTTP status of every request-parsing error code (RFC 9110 §15 / RFC 6585 §5 for 431).
 * Retired codes are never reused.
 */
export const PARSE_ERROR_STATUS = {
  /** Request line is not `method SP request-target SP HTTP-version` (RFC 9112 §3). */
  ERR_SOCKET_BAD_REQUEST_LINE: 400,
  /** Request target has an invalid byte or a form the method does not allow (RFC 9112 §3.2). */
  ERR_SOCKET_BAD_TARGET: 400,
  /** Request line longer than `maxRequestLineBytes` (RFC 9112 §3 "414 (URI Too Long)"). */
  ERR_SOCKET_REQUEST_LINE_TOO_LONG: 414,
  /** A well-formed HTTP-version other than 1.0 or 1.1 (RFC 9110 §15.6.6). */
  ERR_SOCKET_VERSION_NOT_SUPPORTED: 505,
  /** CONNECT: this origin server is not a tunnel (RFC 9110 §9.3.6, §15.6.2). */
  ERR_SOCKET_CONNECT_NOT_SUPPORTED: 501,
  /** A line ends in LF without CR, or a bare CR appears inside a line (RFC 9112 §2.2). */
  ERR_SOCKET_BAD_LINE_ENDING: 400,
  /** Field name is not a token, is empty, has no colon, or has whitespace before the colon (RFC 9112 §5.1). */
  ERR_SOCKET_BAD_HEADER_NAME: 400,
  /** Field value holds NUL or another control byte (RFC 9110 §5.5). */
  ERR_SOCKET_BAD_HEADER_VALUE: 400,
  /** A line starts with whitespace: obs-fold, or whitespace after the start line (RFC 9112 §5.2, §2.2). */
  ERR_SOCKET_OBS_FOLD: 400,
  /** More header (or trailer) fields than `maxHeaderCount` (RFC 6585 §5). */
  ERR_SOCKET_TOO_MANY_HEADERS: 431,
  /** Header section larger than `maxHeaderBytes` (RFC 6585 §5). */
  ERR_SOCKET_HEAD_TOO_LARGE: 431,
  /** Host missing on HTTP/1.1, repeated, or not `uri-host [":" port]` (RFC 9112 §3.2). */
  ERR_SOCKET_BAD_HOST: 400,
  /** Content-Length not 1*DIGIT, a list of differing values, or beyond 2^53-1 (RFC 9110 §8.6, RFC 9112 §6.3). */
  ERR_SOCKET_BAD_CONTENT_LENGTH: 400,
  /** Faulty framing: chunked not last or repeated, TE with CL, TE on HTTP/1.0, empty TE (RFC 9112 §6.1, §6.3). */
  ERR_SOCKET_BAD_TRANSFER_ENCODING: 400,
  /** A coding other than chunked applied before the final chunked (RFC 9112 §6.1: "SHOULD respond with 501"). */
  ERR_SOCKET_UNSUPPORTED_TRANSFER_ENCODING: 501,
  /** Body larger than `maxBodyBytes` (RFC 9110 §15.5.14). */
  ERR_SOCKET_BODY_TOO_LARGE: 413,
  /** Malformed chunked framing: size, extension syntax, or the CRLF after chunk data (RFC 9112 §7.1). */
  ERR_SOCKET_BAD_CHUNK: 400,
  /** Chunk extensions over `maxChunkExtensionBytes` in one request (RFC 9112 §7.1.1: "ought to limit"). */
  ERR_SOCKET_CHUNK_EXTENSION_TOO_LARGE: 400,
  /** Trailer section larger than `maxHeaderBytes` (RFC 9112 §7.1.2, RFC 6585 §5). */
  ERR_SOCKET_TRAILERS_TOO_LARGE: 431,
} as const;

/** Every code a request parser or body decoder returns. */
export type ParseErrorCode = keyof typeof PARSE_ERROR_STATUS;

/** Codes raised by the connection and the server (not by parsing); the status is on the error where one applies. */
export type SocketServerErrorCode =
  /** A bind address could not be listened on (in use, no permission, bad host). */
  | "ERR_SOCKET_LISTEN_FAILED"
  /** listen() was called twice, or after close(). */
  | "ERR_SOCKET_INVALID_STATE"
  /** The request body did not arrive within timeouts.requestMs (408, RFC 9110 §15.5.9). */
  | "ERR_SOCKET_BODY_TIMEOUT"
  /** The client closed its side before the whole request body arrived (400). */
  | "ERR_SOCKET_BODY_INCOMPLETE";

/** Every code server-socket raises. Other parts of the package add their codes to this union. */
export type SocketErrorCode = ParseErrorCode | SocketServerErrorCode;

/**
 * A protocol error as a value: what `RequestParser.parseHead` and `BodyDecoder.decode` return.
 * The connection answers `status` and then closes: after any parse error the byte stream cannot be resynchronised.
 */
export interface ParseError {
  readonly kind: "error";
  readonly code: ParseErrorCode;
  /** HTTP status to answer with (400, 413, 414, 431, 501 or 505). */
  readonly status: number;
  /** A fixed, human-readable reason; never echoes request bytes. */
  readonly message: string;
}

/** Builds the error value for `code`, with the status from `PARSE_ERROR_STATUS`. */
export function createParseError(code: ParseErrorCode, message: string): ParseError {
  return { kind: "error", code, status: PARSE_ERROR_STATUS[code], message };
}

/** The throwable form of a server-socket error, for logs and `cause` chains; `status` is the HTTP status. */
export class SocketError extends GatewayError<SocketErrorCode> {
  /** Turns a parse-error value into an error object carrying the same code, status and message. */
  static fromParseError(error: ParseError): SocketError {
    return new SocketError(error.code, error.message, { status: error.status });
  }
}
