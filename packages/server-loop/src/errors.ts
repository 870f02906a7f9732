/** server-loop's error class and codes, with the HTTP status where one applies. No I/O. */
import { GatewayError, type GatewayErrorOptions } from "@patchbay/gateway";

/** Every code server-loop raises. Retired codes are never reused. */
export type LoopErrorCode =
  /** A bind address could not be listened on (in use, no permission, bad host). */
  | "ERR_LOOP_LISTEN_FAILED"
  /** A chunked request body grew past limits.maxBodyBytes while the app read it (413). */
  | "ERR_LOOP_BODY_TOO_LARGE"
  /** listen() was called twice, or after close(). */
  | "ERR_LOOP_INVALID_STATE";

/** An error raised by server-loop. */
export class LoopError extends GatewayError<LoopErrorCode> {
  constructor(code: LoopErrorCode, message: string, options?: GatewayErrorOptions) {
    super(code, message, options);
  }
}
