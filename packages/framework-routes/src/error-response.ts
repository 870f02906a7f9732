// The response for an error no handler took, and what of an error a client may see; no handler lookup.
import { GatewayError, reasonPhrase, statusOfError } from "@patchbay/gateway";
import type { HeaderList } from "@patchbay/gateway";
import { HttpError } from "./errors.js";
import { RouteResponse, TEXT_CONTENT_TYPE } from "./route-response.js";

/** The status an error answers with: its own 4xx/5xx status, else 500. */
export function statusOfRouteError(error: unknown): number {
  return error instanceof HttpError ? error.status : (statusOfError(error) ?? 500);
}

/**
 * True for errors that are answers, not bugs: an HttpError (abort), or a patchbay error carrying a 4xx
 * status (bad JSON, body too large, …). Everything else is logged with its stack.
 */
export function isExpectedError(error: unknown): boolean {
  if (error instanceof HttpError) return true;
  const status = statusOfError(error);
  return status !== undefined && status < 500 && GatewayError.isGatewayError(error);
}

/** A text/plain error response: "<status> <reason>", then `message` on its own line unless empty or the reason itself. */
export function errorResponse(status: number, message = "", headers: HeaderList = []): RouteResponse {
  const reason = reasonPhrase(status);
  const body = message === "" || message === reason ? `${status} ${reason}\n` : `${status} ${reason}\n${message}\n`;
  const response = new RouteResponse(body, { status }, TEXT_CONTENT_TYPE);
  for (const [name, value] of headers) response.appendHeader(name, value);
  return response;
}

/**
 * The default error response (see errorResponse), with the error's message when the client may see it (an
 * HttpError's, or a 4xx patchbay error's); a bug's message and stack never reach the client.
 */
export function defaultErrorResponse(error: unknown): RouteResponse {
  const message = isExpectedError(error) ? (error as Error).message : "";
  return errorResponse(statusOfRouteError(error), message, error instanceof HttpError ? error.headers : undefined);
}
