/**
 * The error boundary's decision: which response an error thrown in the chain becomes. It records the
 * response on the context; it never logs (the app reports) and never shows a stack to the client.
 */
import { GatewayError, reasonPhrase, statusOfError } from "@patchbay/gateway";
import type { Context } from "./context.js";

/**
 * Whether an error's message may be sent to the client: its own boolean `expose` when it has one
 * (Koa's http-errors convention), else true only for a patchbay error with a 4xx status.
 */
export function isExposedError(error: unknown, status: number): boolean {
  const expose = typeof error === "object" && error !== null ? (error as { expose?: unknown }).expose : undefined;
  if (typeof expose === "boolean") return expose;
  return status < 500 && GatewayError.isGatewayError(error);
}

/**
 * Replaces whatever the chain built with the response for `error`: its `status` when it carries a
 * 4xx/5xx one, else 500; its `headers` (e.g. Allow); a text/plain body with the message when exposed,
 * else the reason phrase. Returns true when the error must be reported (it was not exposed).
 */
export function setErrorResponse<State>(context: Context<State>, error: unknown): boolean {
  const status = statusOfError(error) ?? 500;
  const expose = isExposedError(error, status);
  const response = context.response;
  response.reset();
  const headers = typeof error === "object" && error !== null ? (error as { headers?: unknown }).headers : undefined;
  if (typeof headers === "object" && headers !== null) {
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== "string" && typeof value !== "number") continue;
      try {
        response.set(name, value);
      } catch {
        // A header the gateway would refuse is dropped: the error response itself must not fail.
      }
    }
  }
  response.status = status;
  response.type = "text";
  const message = expose ? (error as Error).message : "";
  response.body = typeof message === "string" && message !== "" ? message : reasonPhrase(status);
  return !expose;
}
