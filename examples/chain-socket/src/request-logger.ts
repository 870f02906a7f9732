// Request-logging middleware: one line per request, after the response is decided; it never changes the response.
import { statusOfError } from "@patchbay/gateway";
import type { ChainMiddleware } from "@patchbay/framework-chain";

/** Receives one finished log line, without a line break. */
export type LogLine = (line: string) => void;

/**
 * Logs `<client> "<METHOD> <target>" <status> <duration>ms` once the rest of the chain has run, also when
 * it throws (with the status the error boundary will answer: the error's own 4xx/5xx, else 500). Put it
 * first, so its time covers every other middleware.
 */
export function requestLogger<State>(write: LogLine): ChainMiddleware<State> {
  return async (context, next) => {
    const startedAt = performance.now();
    let status: number | undefined;
    try {
      await next();
      status = context.status;
    } catch (error) {
      status = statusOfError(error) ?? 500;
      throw error;
    } finally {
      write(`${context.request.ip} "${context.method} ${context.url}" ${status ?? 500} ${(performance.now() - startedAt).toFixed(1)}ms`);
    }
  };
}
