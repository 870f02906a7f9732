/**
 * The one error base class of patchbay, and the gateway's own error codes.
 * Detection goes through a registry-wide brand, never `instanceof`, so two installed copies agree.
 */

const BRAND: unique symbol = Symbol.for("patchbay.gateway.error") as never;

/** Every code the gateway package raises. Retired codes are never reused. */
export type GatewayErrorCode =
  | "ERR_GATEWAY_INVALID_STATUS"
  | "ERR_GATEWAY_INVALID_HEADER"
  | "ERR_GATEWAY_HOP_BY_HOP_HEADER"
  | "ERR_GATEWAY_START_RESPONSE_TWICE"
  | "ERR_GATEWAY_NO_START_RESPONSE"
  | "ERR_GATEWAY_INVALID_CHUNK"
  | "ERR_GATEWAY_CONTENT_LENGTH_MISMATCH"
  | "ERR_GATEWAY_VALIDATION"
  | "ERR_GATEWAY_BAD_REQUEST_TARGET"
  | "ERR_GATEWAY_INPUT_INCOMPLETE"
  | "ERR_GATEWAY_BODY_TYPE";

/** Options every patchbay error takes. */
export interface GatewayErrorOptions {
  /** The HTTP status this error maps to, when it maps to a response. */
  status?: number;
  cause?: unknown;
}

/** Base class of every patchbay error: a stable `code`, an optional HTTP `status`, and a `cause`. */
export class GatewayError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly status: number | undefined;
  readonly [BRAND] = true;

  constructor(code: Code, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status;
  }

  /** True for any patchbay error, from any copy of this package. */
  static isGatewayError(value: unknown): value is GatewayError {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }
}

/** Reads the HTTP status an error carries, if any (for one catch boundary per server). */
export function statusOfError(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" && Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined;
}
