// @patchbay/framework-routes — route functions, Bottle/Flask style, as a gateway Application. Barrel only.

// The application
export { RouteApp, DEFAULT_MAX_BODY_BYTES } from "./route-app.js";
export type { AfterHook, BeforeHook, RouteAppOptions, RouteHandler, RouteOptions } from "./route-app.js";
export type { ErrorClass, ErrorHandler } from "./error-handlers.js";

// Paths
export { BUILTIN_CONVERTERS } from "./converter.js";
export type { Converter, ConverterTypes } from "./converter.js";
export type { PathParams } from "./path-pattern.js";

// The request
export { RouteRequest } from "./route-request.js";
export type { QueryValues } from "./format-query.js";
export { MultiDict } from "./multi-dict.js";
export { Form } from "./form.js";
export type { UploadedFile } from "./form.js";

// The response
export {
  RouteResponse,
  html,
  json,
  redirect,
  stream,
  text,
  BINARY_CONTENT_TYPE,
  HTML_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  TEXT_CONTENT_TYPE,
} from "./route-response.js";
export type { CookieOptions, ResponseBody, RouteResponseInit } from "./route-response.js";
export type { RouteResult } from "./to-route-response.js";
export { HtmlString, escapeHtml, raw } from "./html-string.js";

// Errors
export { abort } from "./abort.js";
export { HttpError, RouteError, ROUTE_ERROR_STATUS } from "./errors.js";
export type { HttpErrorOptions, RouteErrorCode } from "./errors.js";
