/**
 * One finished request as the access log sees it, read lazily from the environ and the writer's outcome.
 * Built only when an access log is configured. No I/O.
 */
import { environKeyForHeader, type Environ, type ResponseOutcome } from "@patchbay/gateway";
import type { AccessRecord } from "@patchbay/server-kit";

/** An AccessRecord over one request's environ and outcome. */
export class AccessEntry implements AccessRecord {
  readonly remoteAddress: string;
  readonly method: string;
  readonly target: string;
  readonly protocol: string;
  readonly status: number;
  readonly bytesSent: number;
  readonly startedAt: number;
  readonly durationMicros: number;
  readonly #environ: Environ;

  /** `startedAt` is ms since the epoch; `durationMicros` the time from request head to finished response. */
  constructor(environ: Environ, outcome: ResponseOutcome, startedAt: number, durationMicros: number) {
    this.#environ = environ;
    this.remoteAddress = environ.REMOTE_ADDR;
    this.method = environ.REQUEST_METHOD;
    this.target = environ.REQUEST_URI;
    this.protocol = environ.SERVER_PROTOCOL;
    this.status = outcome.status;
    this.bytesSent = outcome.bytesSent;
    this.startedAt = startedAt;
    this.durationMicros = durationMicros;
  }

  get referer(): string | undefined {
    return this.#environ.HTTP_REFERER;
  }

  get userAgent(): string | undefined {
    return this.#environ.HTTP_USER_AGENT;
  }

  /** A request header by name (any case), as the environ holds it (repeated fields joined). */
  requestHeader(name: string): string | undefined {
    const key = environKeyForHeader(name);
    return key === null ? undefined : (this.#environ[key] as string | undefined);
  }
}
