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

// Running apps without a server
export { callApp } from "./call-app.js";
export type { CallAppRequest, CallAppResult } from "./call-app.js";
