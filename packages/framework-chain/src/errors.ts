/** The error codes and classes of @patchbay/framework-chain; declarations only, nothing here throws. */
import { GatewayError } from "@patchbay/gateway";

/** Every code this package raises. Retired codes are never reused. */
export type ChainErrorCode =
  | "ERR_CHAIN_HTTP"
  | "ERR_CHAIN_NEXT_CALLED_TWICE"
  | "ERR_CHAIN_INVALID_OPTION"
  | "ERR_CHAIN_INVALID_ROUTE"
  | "ERR_CHAIN_INVALID_HEADER"
  | "ERR_CHAIN_INVALID_STATUS"
  | "ERR_CHAIN_INVALID_BODY"
  | "ERR_CHAIN_BODY_TOO_LARGE"
  | "ERR_CHAIN_MALFORMED_BODY"
  | "ERR_CHAIN_UNSUPPORTED_MEDIA_TYPE";

/** Options every chain error takes. */
export interface ChainErrorOptions {
  /** The HTTP status this error maps to; none means the error boundary answers 500. */
  status?: number;
  /** Whether the message may be shown to the client. Default: true for 4xx, false otherwise. */
  expose?: boolean;
  /** Response headers the error boundary sets with the error response (e.g. Allow, WWW-Authenticate). */
  headers?: Readonly<Record<string, string>>;
  cause?: unknown;
}

/**
 * Base class of every framework-chain error. `expose` tells the error boundary whether the
 * message is safe to send to the client (Koa's http-errors convention).
 */
export class ChainError<Code extends ChainErrorCode = ChainErrorCode> extends GatewayError<Code> {
  readonly expose: boolean;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(code: Code, message: string, options: ChainErrorOptions = {}) {
    super(code, message, { status: options.status, cause: options.cause });
    const status = options.status;
    this.expose = options.expose ?? (status !== undefined && status >= 400 && status < 500);
    this.headers = options.headers;
  }
}

/** An HTTP error raised on purpose by application code (`ctx.throw`, `ctx.assert`): status 400–599. */
export class HttpError extends ChainError<"ERR_CHAIN_HTTP"> {
  constructor(status: number, message: string, options: Omit<ChainErrorOptions, "status"> = {}) {
    super("ERR_CHAIN_HTTP", message, { ...options, status });
  }
}

/** A middleware called `next()` more than once (koa-compose, hono compose.ts). A bug: answered with 500. */
export class NextCalledTwiceError extends ChainError<"ERR_CHAIN_NEXT_CALLED_TWICE"> {
  constructor() {
    super("ERR_CHAIN_NEXT_CALLED_TWICE", "next() was called more than once in the same middleware");
  }
}

/** An option or argument given to the framework's API is invalid (a programmer error, thrown at setup). */
export class InvalidOptionError extends ChainError<"ERR_CHAIN_INVALID_OPTION"> {
  constructor(message: string) {
    super("ERR_CHAIN_INVALID_OPTION", message);
  }
}

/** A route pattern cannot be compiled, or two routes conflict. Thrown at setup or on first dispatch. */
export class InvalidRouteError extends ChainError<"ERR_CHAIN_INVALID_ROUTE"> {
  constructor(message: string) {
    super("ERR_CHAIN_INVALID_ROUTE", message);
  }
}

/** Application code set a response header the gateway would refuse (bad name, CR/LF, hop-by-hop). */
export class InvalidHeaderError extends ChainError<"ERR_CHAIN_INVALID_HEADER"> {
  constructor(message: string, cause?: unknown) {
    super("ERR_CHAIN_INVALID_HEADER", message, { cause });
  }
}

/** Application code set a response status outside 200–599 (1xx cannot pass through startResponse). */
export class InvalidStatusError extends ChainError<"ERR_CHAIN_INVALID_STATUS"> {
  constructor(message: string) {
    super("ERR_CHAIN_INVALID_STATUS", message);
  }
}

/** The response body cannot be serialised (JSON.stringify failed or produced nothing). */
export class InvalidBodyError extends ChainError<"ERR_CHAIN_INVALID_BODY"> {
  constructor(message: string, cause?: unknown) {
    super("ERR_CHAIN_INVALID_BODY", message, { cause });
  }
}

/** The request body is larger than the configured limit (RFC 9110 §15.5.14). */
export class BodyTooLargeError extends ChainError<"ERR_CHAIN_BODY_TOO_LARGE"> {
  constructor(limitBytes: number) {
    super("ERR_CHAIN_BODY_TOO_LARGE", `request body is larger than the limit of ${limitBytes} bytes`, { status: 413 });
  }
}

/** The request body does not parse as its declared media type (RFC 9110 §15.5.1). */
export class MalformedBodyError extends ChainError<"ERR_CHAIN_MALFORMED_BODY"> {
  constructor(message: string, cause?: unknown) {
    super("ERR_CHAIN_MALFORMED_BODY", message, { status: 400, cause });
  }
}

/** The request body's media type or charset is not one this endpoint accepts (RFC 9110 §15.5.16). */
export class UnsupportedMediaTypeError extends ChainError<"ERR_CHAIN_UNSUPPORTED_MEDIA_TYPE"> {
  constructor(message: string) {
    super("ERR_CHAIN_UNSUPPORTED_MEDIA_TYPE", message, { status: 415 });
  }
}
