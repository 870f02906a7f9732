/**
 * The one object every middleware of a request shares: request, response, state and Koa's shortcuts.
 * It records what the chain decides; it never writes to the gateway itself (respond.ts does).
 */
import { reasonPhrase, type Environ } from "@patchbay/gateway";
import { ChainRequest } from "./chain-request.js";
import type { Next } from "./compose.js";
import { ChainResponse, type HeaderValue } from "./chain-response.js";
import { Cookies } from "./cookies.js";
import { HttpError, InvalidStatusError, type ChainErrorOptions } from "./errors.js";
import type { FormFields } from "./url-encoded.js";

/** The default shape of `ctx.state`. */
export type DefaultState = Record<string, unknown>;

/** A middleware: `(ctx, next) => …`; await `next()` to run the rest of the chain, then continue on the way back up. */
export type ChainMiddleware<State = DefaultState> = (context: Context<State>, next: Next) => unknown;

/** Options of `ctx.throw` and `ctx.assert`. */
export type ThrowOptions = Omit<ChainErrorOptions, "status">;

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>);

/** Characters a Location value may carry as they are; everything else is percent-encoded (encodeurl's set). */
const UNSAFE_URL_CHARACTERS = /(?:[^\x21\x23-\x3b\x3d\x3f-\x5f\x61-\x7a\x7c\x7e]|%(?:[^0-9a-f]|[0-9a-f][^0-9a-f]|$))+/gi;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function encodeLocation(url: string): string {
  return url.replace(LONE_SURROGATES, "\ufffd").replace(UNSAFE_URL_CHARACTERS, (run) => encodeURI(run));
}

/** The context of one request, passed to every middleware as `ctx`. */
export class Context<State = DefaultState> {
  /** The gateway environ of this request. */
  readonly environ: Environ;
  /** The response being built (status, headers, body, type). */
  readonly response: ChainResponse;
  /** Route parameters set by a Router ("/users/:id" → { id }); empty until a route matches. */
  params: Readonly<Record<string, string>> = NO_PARAMS;
  /** The pattern of the route that matched ("/users/:id"), for logs; undefined until a route matches. */
  matchedRoute: string | undefined = undefined;
  #cookies: Cookies | undefined = undefined;
  #request: ChainRequest | undefined = undefined;
  #state: State | undefined = undefined;

  constructor(environ: Environ) {
    this.environ = environ;
    this.response = new ChainResponse();
  }

  /** Free space for middleware to pass values downstream (e.g. the authenticated user). Starts empty. */
  get state(): State {
    // lazy: most requests never touch ctx.state; the empty object cost an allocation each.
    this.#state ??= {} as State;
    return this.#state;
  }

  set state(value: State) {
    this.#state = value;
  }

  /** The request (method, path, query, headers, body, stream…); created on first use, then the same object. */
  get request(): ChainRequest {
    // lazy: the ctx shortcuts read the environ directly, so a route that never touches ctx.request
    // skips one allocation per request (~15 ns with its share of GC).
    this.#request ??= new ChainRequest(this.environ);
    return this.#request;
  }

  /** Request cookies and Set-Cookie; created on first use. */
  get cookies(): Cookies {
    this.#cookies ??= new Cookies(this.environ, this.response);
    return this.#cookies;
  }

  // Request shortcuts (Koa delegates these to ctx.request).

  /** The request method (ctx.request.method). */
  get method(): string {
    return this.environ.REQUEST_METHOD;
  }

  /** The path below the mount point, percent-decoded (ctx.request.path). */
  get path(): string {
    return this.environ.PATH_INFO || "/";
  }

  /** The parsed query (ctx.request.query). */
  get query(): Readonly<FormFields> {
    return this.request.query;
  }

  /** The raw query string (ctx.request.querystring). */
  get querystring(): string {
    return this.environ.QUERY_STRING;
  }

  /** The request headers, lower-case names (ctx.request.headers). */
  get headers(): Readonly<Record<string, string>> {
    return this.request.headers;
  }

  /** The raw request target (ctx.request.url). */
  get url(): string {
    return this.environ.REQUEST_URI;
  }

  /** A request header (ctx.request.get). */
  get(name: string): string | undefined {
    return this.request.get(name);
  }

  // Response shortcuts (Koa delegates these to ctx.response).

  /** The response status (ctx.response.status). */
  get status(): number {
    return this.response.status;
  }

  set status(code: number) {
    this.response.status = code;
  }

  /** The response body (ctx.response.body): string, Uint8Array, async iterable, null, or JSON-able value. */
  get body(): unknown {
    return this.response.body;
  }

  set body(value: unknown) {
    this.response.body = value;
  }

  /** The response media type (ctx.response.type); accepts shorthands like "html" and "json". */
  get type(): string {
    return this.response.type;
  }

  set type(value: string) {
    this.response.type = value;
  }

  /** Sets a response header, or several from an object (ctx.response.set). */
  set(name: string, value: HeaderValue): void;
  set(fields: Readonly<Record<string, HeaderValue>>): void;
  set(nameOrFields: string | Readonly<Record<string, HeaderValue>>, value?: HeaderValue): void {
    if (typeof nameOrFields === "string") {
      this.response.set(nameOrFields, value ?? "");
      return;
    }
    for (const name of Object.keys(nameOrFields)) this.response.set(name, nameOrFields[name] as HeaderValue);
  }

  /** Adds a value to a response header (ctx.response.append). */
  append(name: string, value: string): void {
    this.response.append(name, value);
  }

  /** Removes a response header (ctx.response.remove). */
  remove(name: string): void {
    this.response.remove(name);
  }

  // Koa conveniences.

  /**
   * Throws an HttpError the error boundary turns into a response: `status` (400–599), `message`
   * (shown to the client for 4xx unless `expose` says otherwise; default: the reason phrase).
   */
  throw(status: number, message?: string, options: ThrowOptions = {}): never {
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new InvalidStatusError(`ctx.throw needs an error status from 400 to 599, got ${String(status)}`);
    throw new HttpError(status, message ?? reasonPhrase(status), options);
  }

  /**
   * Throws like `ctx.throw(status, message)` when `condition` is falsy. It does not narrow types:
   * TypeScript narrows through an assertion method only when `ctx` has an explicit type annotation,
   * and reports an error (TS2775) otherwise; write `if (!ok) return ctx.throw(…)` to narrow.
   */
  assert(condition: unknown, status: number, message?: string, options: ThrowOptions = {}): void {
    if (!condition) this.throw(status, message, options);
  }

  /**
   * Redirects to `url` (percent-encoding what a Location may not carry): status 302 unless a 3xx was
   * set, Location header, and a short text body (RFC 9110 §15.4). "back" means the Referer, else `fallback`.
   */
  redirect(url: string, fallback = "/"): void {
    const target = url === "back" ? (this.request.get("referer") ?? fallback) : url;
    this.response.set("Location", encodeLocation(target));
    const status = this.response.status;
    if (!this.response.hasExplicitStatus || status < 300 || status > 399) this.response.status = 302;
    this.response.type = "text";
    this.response.body = `Redirecting to ${target}.`;
  }
}
