/** server-kit's error class and codes: bad options, bad command lines, apps that cannot be loaded. No I/O. */
import { GatewayError, type GatewayErrorOptions } from "@patchbay/gateway";

/** Every code server-kit raises. Retired codes are never reused. */
export type ServerKitErrorCode =
  /** A programmatic option has a wrong type or value (resolveServerOptions, createAccessLog, createLogger). */
  | "ERR_KIT_INVALID_OPTION"
  /** The command line has an unknown flag, a bad value or a missing value. */
  | "ERR_KIT_USAGE"
  /** The application module file does not exist. */
  | "ERR_KIT_MODULE_NOT_FOUND"
  /** The application module has no such export, or the export is not a function. */
  | "ERR_KIT_EXPORT_NOT_FOUND"
  /** The application module threw while it was being imported. */
  | "ERR_KIT_MODULE_LOAD_FAILED";

/**
 * An error raised by server-kit. Its message is one line meant for a person at a terminal; the
 * command-line runner prints it as `<server>: error: <message>`.
 */
export class ServerKitError extends GatewayError<ServerKitErrorCode> {
  constructor(code: ServerKitErrorCode, message: string, options?: GatewayErrorOptions) {
    super(code, message, options);
  }
}
