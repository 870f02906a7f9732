/** The static-file middleware's error codes and class. Declares errors only; it never decides a response. */
import { GatewayError, type GatewayErrorOptions } from "../errors.js";

/** Every code `@patchbay/gateway/static` raises. Retired codes are never reused. */
export type StaticErrorCode =
  /** An option of `serveStatic` is invalid (a programmer error, raised when the middleware is created). */
  | "ERR_STATIC_INVALID_OPTION"
  /** The file system failed in a way that is not "not found" or "forbidden" (EIO, EMFILE…): status 500. */
  | "ERR_STATIC_FILE_SYSTEM";

/** An error raised by `serveStatic`; `status` is set when it maps to an HTTP response. */
export class StaticError extends GatewayError<StaticErrorCode> {
  constructor(code: StaticErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(code, message, options);
  }
}
