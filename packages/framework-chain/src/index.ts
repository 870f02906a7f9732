/** @patchbay/framework-chain — a Koa-style async middleware chain that is a gateway Application. */

// The application
export { ChainApp } from "./app.js";
export type { ChainAppEvent, ErrorListener } from "./app.js";

// The context every middleware shares
export { Context } from "./context.js";
export type { ChainMiddleware, DefaultState, ThrowOptions } from "./context.js";
export { ChainRequest } from "./chain-request.js";
export { ChainResponse } from "./chain-response.js";
export type { HeaderValue } from "./chain-response.js";
export { Cookies } from "./cookies.js";
export type { CookieOptions } from "./cookies.js";

// Composition
export { compose } from "./compose.js";
export type { ComposedStep, Next, Step } from "./compose.js";

// Routing
export { Router } from "./router.js";
export { ROUTER_ALL_METHODS } from "./route-table.js";
export type { RouterOptions } from "./router.js";

// Request bodies
export { bodyParser, BODY_LIMIT_BYTES } from "./body-parser.js";
export type { BodyKind, BodyParserOptions } from "./body-parser.js";
export type { FormFields } from "./url-encoded.js";

// Errors
export {
  BodyTooLargeError,
  ChainError,
  HttpError,
  InvalidBodyError,
  InvalidHeaderError,
  InvalidOptionError,
  InvalidRouteError,
  InvalidStatusError,
  MalformedBodyError,
  NextCalledTwiceError,
  UnsupportedMediaTypeError,
} from "./errors.js";
export type { ChainErrorCode, ChainErrorOptions } from "./errors.js";
