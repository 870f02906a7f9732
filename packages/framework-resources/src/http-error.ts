// The HTTPError base class: an error a responder or hook raises to answer with a 4xx/5xx; it knows its problem document, not how to send it.
import { GatewayError, reasonPhrase } from "@patchbay/gateway";
import type { HeaderList } from "@patchbay/gateway";

const BRAND: unique symbol = Symbol.for("patchbay.framework-resources.http-error") as never;

/** Codes carried by HTTPError and its subclasses (one per subclass). Retired codes are never reused. */
export type HTTPErrorCode =
  | "ERR_RESOURCE_HTTP_ERROR"
  | "ERR_RESOURCE_BAD_REQUEST"
  | "ERR_RESOURCE_UNAUTHORIZED"
  | "ERR_RESOURCE_FORBIDDEN"
  | "ERR_RESOURCE_NOT_FOUND"
  | "ERR_RESOURCE_METHOD_NOT_ALLOWED"
  | "ERR_RESOURCE_NOT_ACCEPTABLE"
  | "ERR_RESOURCE_CONFLICT"
  | "ERR_RESOURCE_GONE"
  | "ERR_RESOURCE_PAYLOAD_TOO_LARGE"
  | "ERR_RESOURCE_UNSUPPORTED_MEDIA_TYPE"
  | "ERR_RESOURCE_UNPROCESSABLE_CONTENT"
  | "ERR_RESOURCE_TOO_MANY_REQUESTS"
  | "ERR_RESOURCE_INTERNAL"
  | "ERR_RESOURCE_SERVICE_UNAVAILABLE";

/** A problem details document (RFC 9457 §3). */
export interface Problem {
  /** A URI reference identifying the problem type; "about:blank" when the status says it all (§4.2.1). */
  type: string;
  /** A short human-readable summary of the problem type. */
  title: string;
  /** The HTTP status code (advisory copy of the response's status, §3.1.2). */
  status: number;
  /** An explanation specific to this occurrence. */
  detail?: string;
  /** A URI reference identifying this occurrence. */
  instance?: string;
  /** Extension members (§3.2). */
  [member: string]: unknown;
}

/** Options of every HTTPError. */
export interface HTTPErrorOptions {
  /** Default: the status code's reason phrase (RFC 9457 §4.2.1 asks for it when type is "about:blank"). */
  title?: string;
  /** The occurrence-specific explanation sent to the client; keep secrets out of it. */
  detail?: string;
  /** Problem type URI. Default "about:blank". */
  type?: string;
  /** Problem instance URI. Default: none. */
  instance?: string;
  /** Extra response headers (e.g. WWW-Authenticate, Retry-After). Default: none. */
  headers?: HeaderList;
  /** Extension members added to the problem document. Default: none. */
  extensions?: Readonly<Record<string, unknown>>;
  /** Error code. Default: the subclass's own code, "ERR_RESOURCE_HTTP_ERROR" for HTTPError itself. */
  code?: HTTPErrorCode;
  cause?: unknown;
}

/**
 * An error that becomes an `application/problem+json` response (RFC 9457). Throw it, or a subclass, from
 * a responder or a hook; the app catches it and renders `toProblem()` with `status` and `headers`.
 */
export class HTTPError extends GatewayError<HTTPErrorCode> {
  declare readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string;
  readonly instance: string | undefined;
  readonly headers: HeaderList;
  readonly extensions: Readonly<Record<string, unknown>> | undefined;
  readonly [BRAND] = true;

  /** Creates an HTTPError for `status` (400–599). */
  constructor(status: number, options: HTTPErrorOptions = {}) {
    const title = options.title ?? reasonPhrase(status);
    super(options.code ?? "ERR_RESOURCE_HTTP_ERROR", options.detail === undefined ? title : `${title}: ${options.detail}`, {
      status,
      cause: options.cause,
    });
    this.title = title;
    this.detail = options.detail;
    this.type = options.type ?? "about:blank";
    this.instance = options.instance;
    this.headers = options.headers ?? [];
    this.extensions = options.extensions;
  }

  /** The problem document to send: extension members first, so they can never override the standard ones. */
  toProblem(): Problem {
    const problem: Problem = { ...this.extensions, type: this.type, title: this.title, status: this.status };
    if (this.detail !== undefined) problem.detail = this.detail;
    if (this.instance !== undefined) problem.instance = this.instance;
    return problem;
  }

  /** True for an HTTPError from any copy of this package. */
  static isHTTPError(value: unknown): value is HTTPError {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }
}
