// @patchbay/framework-resources — Falcon-style resource classes as a gateway Application; a barrel of named exports only.

// The app
export { DEFAULT_MAX_BODY_BYTES, ResourceApp } from "./app.js";
export type { ResourceAppOptions, RouteOptions } from "./app.js";

// Resources, requests, responses, hooks
export type { Resource, Responder } from "./resource.js";
export { Request } from "./request.js";
export { Response } from "./response.js";
export type { CookieOptions, ResponseBodyKind, ResponseStream } from "./response.js";
export type { Hook, HookSet, ResourceHooks } from "./hooks.js";
export type { RouteParams } from "./router.js";

// URI templates
export { BUILT_IN_CONVERTERS, floatConverter, intConverter, uuidConverter } from "./converters.js";
export type { Converter, ConverterArguments, ConverterFactory } from "./converters.js";

// Media
export { essenceOf, MAX_NEGOTIATION_CACHE_ENTRIES, MediaHandlers } from "./media-handler.js";
export type { MediaHandler, MediaHandlerMatch } from "./media-handler.js";
export { jsonMediaHandler } from "./json-media-handler.js";
export { formMediaHandler } from "./form-media-handler.js";
export type { FormFields } from "./form-media-handler.js";
export { PROBLEM_CONTENT_TYPE } from "./render-response.js";

// Errors
export { ResourceError } from "./errors.js";
export type { ResourceErrorCode } from "./errors.js";
export { HTTPError } from "./http-error.js";
export type { HTTPErrorCode, HTTPErrorOptions, Problem } from "./http-error.js";
export {
  HTTPBadRequest,
  HTTPConflict,
  HTTPForbidden,
  HTTPGone,
  HTTPInternalServerError,
  HTTPMethodNotAllowed,
  HTTPNotAcceptable,
  HTTPNotFound,
  HTTPPayloadTooLarge,
  HTTPServiceUnavailable,
  HTTPTooManyRequests,
  HTTPUnauthorized,
  HTTPUnprocessableEntity,
  HTTPUnsupportedMediaType,
} from "./http-errors.js";
export type { HTTPErrorSubclassOptions } from "./http-errors.js";
