/** The access log's view of one finished request, read lazily from its environ and the response outcome. No I/O. */
import { environKeyForHeader, type Environ, type ResponseOutcome } from "@patchbay/gateway";
import type { AccessRecord } from "./server-types.js";

/**
 * An {@link AccessRecord} over one request's environ and the response writer's outcome.
 *
 * Servers build one per finished request, and only when an access log is configured: the
 * fields are copied once, while `referer`, `userAgent` and `requestHeader()` read the environ
 * only when the log format asks for them.
 *
 * @example
 * const startedAt = performance.now(); // when the request head was parsed
 * // ... the response is finished ...
 * accessLog.write(new EnvironAccessRecord(environ, outcome, startedAt, performance.now()));
 */
export class EnvironAccessRecord implements AccessRecord {
  readonly remoteAddress: string;
  readonly method: string;
  readonly target: string;
  readonly protocol: string;
  readonly status: number;
  readonly bytesSent: number;
  readonly startedAt: number;
  readonly durationMicros: number;
  readonly #environ: Environ;

  /**
   * `startedAt` and `finishedAt` are `performance.now()` readings: when the request head was
   * parsed and when the response finished. The record holds `startedAt` as ms since the epoch
   * and the difference in microseconds.
   */
  constructor(environ: Environ, outcome: ResponseOutcome, startedAt: number, finishedAt: number) {
    this.#environ = environ;
    this.remoteAddress = environ.REMOTE_ADDR;
    this.method = environ.REQUEST_METHOD;
    this.target = environ.REQUEST_URI;
    this.protocol = environ.SERVER_PROTOCOL;
    this.status = outcome.status;
    this.bytesSent = outcome.bytesSent;
    // Wall clock, counted back from now: timeOrigin + startedAt drifts from Date.now() (the monotonic clock
    // does not follow clock adjustments) and could even stamp a request a little in the future.
    this.startedAt = Date.now() - (finishedAt - startedAt);
    this.durationMicros = (finishedAt - startedAt) * 1000;
  }

  /** The Referer request header, if sent. */
  get referer(): string | undefined {
    return this.#environ.HTTP_REFERER;
  }

  /** The User-Agent request header, if sent. */
  get userAgent(): string | undefined {
    return this.#environ.HTTP_USER_AGENT;
  }

  /** A request header by name (any case), as the environ holds it (repeated fields joined). */
  requestHeader(name: string): string | undefined {
    const key = environKeyForHeader(name);
    return key === null ? undefined : (this.#environ[key] as string | undefined);
  }
}
