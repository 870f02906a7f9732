/**
 * @patchbay/gateway — the Gateway Interface: PEP 3333 for TypeScript.
 * Static files: "@patchbay/gateway/static". Test helpers: "@patchbay/gateway/testing".
 */

// The contract
export type {
  Application,
  Body,
  Chunk,
  EarlyHints,
  Environ,
  ErrorStream,
  FileBody,
  FileWrapper,
  FileWrapperOptions,
  HeaderList,
  InputStream,
  Middleware,
  OnFinished,
  StartResponse,
  Write,
} from "./types.js";
export { GATEWAY_VERSION } from "./types.js";

// Errors
export { GatewayError, statusOfError } from "./errors.js";
export type { GatewayErrorCode, GatewayErrorOptions } from "./errors.js";

// Request side: what servers build
export { createEnviron, environKeyForHeader } from "./environ.js";
export type { EnvironRequest } from "./environ.js";
export { createEmptyInputStream, createInputStream } from "./input-stream.js";
export type { InputStreamOptions } from "./input-stream.js";
export { createErrorStream, STDERR_ERROR_STREAM } from "./error-stream.js";
export { decodePath, splitRequestTarget } from "./request-target.js";
export type { SplitTarget } from "./request-target.js";
export { fileWrapper, isFileBody, FILE_BLOCK_BYTES } from "./file-wrapper.js";

// Response side: the shared writer and its sink seam
export { httpDate, runApplication } from "./response-writer.js";
export type { ResponseOutcome, RunApplicationOptions } from "./response-writer.js";
export type { Framing, ResponseHead, ResponseSink } from "./response-sink.js";
export { MemorySink } from "./memory-sink.js";

// Headers, status, URLs
export { FIELD_NAME_PATTERN, FIELD_VALUE_PATTERN, getHeader, HOP_BY_HOP_HEADERS, isHopByHopHeader } from "./headers.js";
export { reasonPhrase } from "./status.js";
export { applicationUri, requestUri } from "./uri.js";

// The validator (SPEC.md, both sides)
export { assertBodyClosed } from "./validate/assert-body-closed.js";
export { validate } from "./validate/validate.js";
export { validateSink } from "./validate/validate-sink.js";
export { ValidationError } from "./validate/validation-error.js";
export type { RuleNumber, ViolationSide } from "./validate/validation-error.js";
export type { ValidateOptions } from "./validate/violation-reporter.js";

// Demo: the tutorial's environ-dump application
export { environApp } from "./demo/environ-app.js";

// Running apps without a server
export { callApp } from "./call-app.js";
export type { CallAppRequest, CallAppResult } from "./call-app.js";

// Fetch bridge
export { toFetchHandler } from "./fetch-bridge/to-fetch-handler.js";
export type { ToFetchHandlerOptions } from "./fetch-bridge/to-fetch-handler.js";
export { fromFetchHandler } from "./fetch-bridge/from-fetch-handler.js";
export type { FromFetchHandlerOptions } from "./fetch-bridge/from-fetch-handler.js";
export type { FetchHandler } from "./fetch-bridge/fetch-handler.js";
export { environFromRequest } from "./fetch-bridge/environ-from-request.js";
export type { EnvironFromRequestOptions } from "./fetch-bridge/environ-from-request.js";
export { requestFromEnviron } from "./fetch-bridge/request-from-environ.js";
export type { RequestFromEnvironOptions } from "./fetch-bridge/request-from-environ.js";
export { FetchBridgeError } from "./fetch-bridge/errors.js";
export type { FetchBridgeErrorCode } from "./fetch-bridge/errors.js";
