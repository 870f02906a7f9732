// The error codes and classes of framework-routes; it declares them and never decides how they are answered.
import { GatewayError, reasonPhrase } from "@patchbay/gateway";
import type { HeaderList } from "@patchbay/gateway";

/** Every code framework-routes raises. Retired codes are never reused. */
export type RouteErrorCode =
  | "ERR_ROUTE_INVALID_OPTION"
  | "ERR_ROUTE_INVALID_PATTERN"
  | "ERR_ROUTE_UNKNOWN_CONVERTER"
  | "ERR_ROUTE_DUPLICATE_ROUTE"
  | "ERR_ROUTE_DUPLICATE_NAME"
  | "ERR_ROUTE_UNKNOWN_NAME"
  | "ERR_ROUTE_INVALID_PARAM"
  | "ERR_ROUTE_INVALID_RESPONSE"
  | "ERR_ROUTE_INVALID_STATUS"
  | "ERR_ROUTE_INVALID_COOKIE"
  | "ERR_ROUTE_BODY_CONSUMED"
  | "ERR_ROUTE_MALFORMED_JSON"
  | "ERR_ROUTE_MALFORMED_FORM"
  | "ERR_ROUTE_BODY_TOO_LARGE"
  | "ERR_ROUTE_UNSUPPORTED_MEDIA_TYPE";

/** The HTTP status each code answers with, where it maps to one (programming errors map to none). */
export const ROUTE_ERROR_STATUS: Readonly<Record<RouteErrorCode, number | undefined>> = {
  ERR_ROUTE_INVALID_OPTION: undefined,
  ERR_ROUTE_INVALID_PATTERN: undefined,
  ERR_ROUTE_UNKNOWN_CONVERTER: undefined,
  ERR_ROUTE_DUPLICATE_ROUTE: undefined,
  ERR_ROUTE_DUPLICATE_NAME: undefined,
  ERR_ROUTE_UNKNOWN_NAME: undefined,
  ERR_ROUTE_INVALID_PARAM: undefined,
  ERR_ROUTE_INVALID_RESPONSE: undefined,
  ERR_ROUTE_INVALID_STATUS: undefined,
  ERR_ROUTE_INVALID_COOKIE: undefined,
  ERR_ROUTE_BODY_CONSUMED: undefined,
  ERR_ROUTE_MALFORMED_JSON: 400,
  ERR_ROUTE_MALFORMED_FORM: 400,
  ERR_ROUTE_BODY_TOO_LARGE: 413,
  ERR_ROUTE_UNSUPPORTED_MEDIA_TYPE: 415,
};

/**
 * An error of framework-routes. The status comes from the code (ROUTE_ERROR_STATUS): client errors
 * (bad JSON 400, too large 413, wrong media type 415) carry it, programming errors carry none (a 500).
 */
export class RouteError extends GatewayError<RouteErrorCode> {
  constructor(code: RouteErrorCode, message: string, options: { cause?: unknown } = {}) {
    const status = ROUTE_ERROR_STATUS[code];
    super(code, message, status === undefined ? options : { ...options, status });
  }
}

/** Options of an HttpError. */
export interface HttpErrorOptions {
  /** Extra response headers, e.g. `Allow` on a 405 or `WWW-Authenticate` on a 401. Default none. */
  headers?: HeaderList;
  cause?: unknown;
}

/**
 * An HTTP error response raised from a handler or hook (Werkzeug's HTTPException): its status and message
 * become the response, and error handlers registered for its status see it. Thrown by `abort()`.
 */
export class HttpError extends GatewayError<"ERR_ROUTE_HTTP"> {
  declare readonly status: number;
  /** Extra headers the error response carries. */
  readonly headers: HeaderList;

  /** `message` defaults to the status's reason phrase; `status` must be 400..599. */
  constructor(status: number, message?: string, options: HttpErrorOptions = {}) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RouteError("ERR_ROUTE_INVALID_STATUS", `an HttpError status must be an integer 400..599, got ${String(status)}`);
    }
    super("ERR_ROUTE_HTTP", message ?? reasonPhrase(status), options.cause === undefined ? { status } : { status, cause: options.cause });
    this.headers = options.headers ?? [];
  }
}
