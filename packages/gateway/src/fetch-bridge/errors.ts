/** The fetch bridge's error codes and class. Declares errors only; it never decides a response. */
import { GatewayError, type GatewayErrorOptions } from "../errors.js";

/** Every code the fetch bridge raises. Retired codes are never reused. */
export type FetchBridgeErrorCode =
  /** A fetch handler returned (or resolved to) something that is not a Response: status 500. */
  | "ERR_FETCH_BRIDGE_INVALID_RESPONSE"
  /** A fetch handler returned a Response whose body was already read or locked: status 500. */
  | "ERR_FETCH_BRIDGE_BODY_USED"
  /** The client went away (`gateway.disconnect`) while a fetch handler's Response body was streaming. */
  | "ERR_FETCH_BRIDGE_DISCONNECTED";

/** An error raised by `fromFetchHandler` or `toFetchHandler`; `status` is set when it maps to an HTTP response. */
export class FetchBridgeError extends GatewayError<FetchBridgeErrorCode> {
  constructor(code: FetchBridgeErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(code, message, options);
  }
}
