// RouteApp: registers routes, hooks, error handlers and mounts, and answers each request through them.
import { GatewayError, statusOfError } from "@patchbay/gateway";
import type { Application, Body, Environ, HeaderList, StartResponse } from "@patchbay/gateway";
import { CallableApplication, HANDLE_REQUEST } from "./callable-application.js";
import { BUILTIN_CONVERTERS, checkConverter } from "./converter.js";
import type { Converter } from "./converter.js";
import { ErrorHandlers } from "./error-handlers.js";
import type { ErrorClass, ErrorHandler } from "./error-handlers.js";
import { defaultErrorResponse, errorResponse, isExpectedError, statusOfRouteError } from "./error-response.js";
import { HttpError, RouteError } from "./errors.js";
import { compilePathPattern } from "./path-pattern.js";
import type { CompiledPathPattern, PathParams } from "./path-pattern.js";
import { RouteRequest } from "./route-request.js";
import type { RequestSettings } from "./route-request.js";
import { formatQuery } from "./format-query.js";
import type { QueryValues } from "./format-query.js";
import { MountTable } from "./mount-table.js";
import { RouteResponse } from "./route-response.js";
import { Router } from "./router.js";
import type { RouteMatch } from "./router.js";
import { toRouteResponse } from "./to-route-response.js";
import type { RouteResult } from "./to-route-response.js";

/** Default request body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Options of a RouteApp. */
export interface RouteAppOptions {
  /** Largest request body the body readers accept, in bytes; more is a 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** Options of one route. */
export interface RouteOptions {
  /** Name for `urlFor`; one name per pattern (the same name may cover several methods of one pattern). */
  name?: string;
}

/** A route function: gets the request (with typed `params`), returns what becomes the response. */
export type RouteHandler<Params = Record<string, unknown>> = (request: RouteRequest<Params>) => RouteResult | Promise<RouteResult>;

/**
 * Runs before the route's handler; returning a result answers the request without calling the handler,
 * returning nothing (void or undefined) goes on.
 */
export type BeforeHook = (request: RouteRequest) => RouteResult | undefined | void | Promise<RouteResult | undefined | void>;

/** Runs after a response is ready (errors' too); may change it in place (return nothing) or return a replacement. */
export type AfterHook = (request: RouteRequest, response: RouteResponse) => RouteResponse | undefined | void | Promise<RouteResponse | undefined | void>;

type MaybePromise<Value> = Value | Promise<Value>;

function isPromise<Value>(value: MaybePromise<Value>): value is Promise<Value> {
  return typeof value === "object" && value !== null && typeof (value as Promise<Value>).then === "function";
}

/** Continues with `next` at once for a plain value, after settling for a promise: sync handlers stay sync. */
function andThen<Value, Next>(value: MaybePromise<Value>, next: (value: Value) => MaybePromise<Next>): MaybePromise<Next> {
  return isPromise(value) ? value.then(next) : next(value);
}

const NO_PARAMS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const ROUTE_NAME_PATTERN = /^[A-Za-z_$][\w$.-]*$/;

function validateOptions(options: RouteAppOptions): number {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new RouteError("ERR_ROUTE_INVALID_OPTION", `maxBodyBytes must be a non-negative integer, got ${String(options.maxBodyBytes)}`);
  }
  return maxBodyBytes;
}

/**
 * A Bottle/Flask-style application. The instance is itself a gateway `Application` (a function), so pass
 * `app` wherever one is expected; `app.application` is the same function, for explicitness.
 *
 * Routing: static paths are matched first, then patterns in registration order. A path that exists for
 * other methods gives 405 with Allow; HEAD runs the GET handler (the writer drops the body); OPTIONS answers
 * 204 with Allow unless a handler is registered. Mounts (`mount`) are tried before routes.
 */
export class RouteApp extends CallableApplication implements RequestSettings {
  /** Body size limit in bytes (see RouteAppOptions). */
  readonly maxBodyBytes: number;
  readonly #router = new Router<RouteHandler>();
  readonly #converters = new Map<string, Converter>(Object.entries(BUILTIN_CONVERTERS));
  readonly #names = new Map<string, CompiledPathPattern>();
  readonly #beforeHooks: BeforeHook[] = [];
  readonly #afterHooks: AfterHook[] = [];
  readonly #errorHandlers = new ErrorHandlers();
  readonly #mounts = new MountTable();
  /** True while the app has no mount, before hook or after hook: requests then take the short path. */
  #plain = true;

  /** Validates options at once: a bad maxBodyBytes throws ERR_ROUTE_INVALID_OPTION. */
  constructor(options: RouteAppOptions = {}) {
    super();
    this.maxBodyBytes = validateOptions(options);
  }

  /** This app as a gateway Application (the app itself; the property only reads better at export sites). */
  get application(): Application {
    return this;
  }

  /** Registers `handler` for one or more methods on `pattern` (see compilePathPattern for the syntax). */
  route<Pattern extends string>(methods: string | readonly string[], pattern: Pattern, handler: RouteHandler<PathParams<Pattern>>, options: RouteOptions = {}): this {
    const list = typeof methods === "string" ? [methods] : methods;
    if (list.length === 0) throw new RouteError("ERR_ROUTE_INVALID_OPTION", `route ${pattern} needs at least one method`);
    if (typeof handler !== "function") throw new RouteError("ERR_ROUTE_INVALID_OPTION", `route ${pattern} needs a handler function`);
    const compiled = this.#compileNamed(pattern, options.name);
    for (const method of list) this.#router.add(method.toUpperCase(), compiled, handler as RouteHandler);
    return this;
  }

  /** Registers a GET handler (HEAD is answered by it too). */
  get<Pattern extends string>(pattern: Pattern, handler: RouteHandler<PathParams<Pattern>>, options?: RouteOptions): this {
    return this.route("GET", pattern, handler, options);
  }

  /** Registers a POST handler. */
  post<Pattern extends string>(pattern: Pattern, handler: RouteHandler<PathParams<Pattern>>, options?: RouteOptions): this {
    return this.route("POST", pattern, handler, options);
  }

  /** Registers a PUT handler. */
  put<Pattern extends string>(pattern: Pattern, handler: RouteHandler<PathParams<Pattern>>, options?: RouteOptions): this {
    return this.route("PUT", pattern, handler, options);
  }

  /** Registers a PATCH handler. */
  patch<Pattern extends string>(pattern: Pattern, handler: RouteHandler<PathParams<Pattern>>, options?: RouteOptions): this {
    return this.route("PATCH", pattern, handler, options);
  }

  /** Registers a DELETE handler. */
  delete<Pattern extends string>(pattern: Pattern, handler: RouteHandler<PathParams<Pattern>>, options?: RouteOptions): this {
    return this.route("DELETE", pattern, handler, options);
  }

  /** Registers a converter for `<name:kind>` patterns registered after this call; may replace a built-in. */
  converter<Value>(kind: string, converter: Converter<Value>): this {
    this.#converters.set(kind, checkConverter(kind, converter));
    return this;
  }

  /** Adds a hook run before every routed request, in registration order; one that returns a result answers the request. */
  before(hook: BeforeHook): this {
    this.#beforeHooks.push(hook);
    this.#plain = false;
    return this;
  }

  /** Adds a hook run on every response this app makes (errors included), in registration order. */
  after(hook: AfterHook): this {
    this.#afterHooks.push(hook);
    this.#plain = false;
    return this;
  }

  /**
   * Registers an error handler for a status (it receives an HttpError; other errors ride along as its
   * `cause`) or for an error class and its subclasses. A result that is not a RouteResponse gets the error's status.
   */
  errorHandler(status: number, handler: ErrorHandler<HttpError>): this;
  errorHandler<ErrorType>(errorClass: ErrorClass<ErrorType>, handler: ErrorHandler<ErrorType>): this;
  errorHandler<ErrorType>(key: number | ErrorClass<ErrorType>, handler: ErrorHandler<ErrorType> | ErrorHandler<HttpError>): this {
    if (typeof handler !== "function") throw new RouteError("ERR_ROUTE_INVALID_OPTION", "errorHandler() needs a handler function");
    if (typeof key === "number") this.#errorHandlers.addStatus(key, handler as ErrorHandler<HttpError>);
    else this.#errorHandlers.addClass(key, handler as ErrorHandler<ErrorType>);
    return this;
  }

  /**
   * Mounts any gateway Application (another RouteApp, or any app) at `prefix` ("/admin"): requests for the
   * prefix and below go to it with the prefix moved from PATH_INFO to SCRIPT_NAME (wsgiref's shift_path_info).
   * This app's hooks and error handlers do not run for them. The longest matching prefix wins.
   */
  mount(prefix: string, application: Application): this {
    this.#mounts.add(prefix, application);
    this.#plain = false;
    return this;
  }

  /**
   * The app-relative URL of the route named `name` ("/users/3?tab=posts"), percent-encoded; throws
   * ERR_ROUTE_UNKNOWN_NAME or ERR_ROUTE_INVALID_PARAM. Use `request.urlFor` to include the mount point.
   */
  urlFor(name: string, params: Readonly<Record<string, unknown>> = NO_PARAMS, query?: QueryValues): string {
    const pattern = this.#names.get(name);
    if (pattern === undefined) throw new RouteError("ERR_ROUTE_UNKNOWN_NAME", `no route is named ${JSON.stringify(name)}`);
    const path = pattern.build(params);
    if (query === undefined) return path;
    const queryString = formatQuery(query);
    return queryString === "" ? path : `${path}?${queryString}`;
  }

  #compileNamed(pattern: string, name: string | undefined): CompiledPathPattern {
    if (name === undefined) return compilePathPattern(pattern, this.#converters);
    if (!ROUTE_NAME_PATTERN.test(name)) throw new RouteError("ERR_ROUTE_INVALID_OPTION", `a route name must be an identifier (dots and dashes allowed), got ${JSON.stringify(name)}`);
    const named = this.#names.get(name);
    if (named !== undefined) {
      if (named.source !== pattern) throw new RouteError("ERR_ROUTE_DUPLICATE_NAME", `route name ${JSON.stringify(name)} already names ${named.source}`);
      return named;
    }
    const compiled = compilePathPattern(pattern, this.#converters);
    this.#names.set(name, compiled);
    return compiled;
  }

  // The request path below and the methods it calls are kept small in bytecode, the rare cases moved to
  // methods of their own (hooks, mounts, no route, async results, a refused response): V8 inlines callees
  // within a per-caller bytecode budget, and within it the router, the handler, the response helper and
  // start() all fit, so a sync request makes no calls but the handler's own and startResponse.
  /** Answers one request: mount, or route → hooks → handler → response, with errors through the handlers. */
  [HANDLE_REQUEST](environ: Environ, startResponse: StartResponse): Body | Promise<Body> {
    // One flag instead of three checks (mounts, before hooks, after hooks) per request; V8 folds it away while
    // it keeps its first value.
    if (!this.#plain) return this.#handleWithHooksOrMounts(environ, startResponse);
    const pathInfo = environ.PATH_INFO;
    const path = pathInfo === "" ? "/" : pathInfo;
    const match = this.#router.match(environ.REQUEST_METHOD, path);
    const request = new RouteRequest(environ, path, match.kind === "found" ? match.params : NO_PARAMS, this);
    let result: MaybePromise<RouteResult>;
    try {
      result = this.#routeResult(request, match);
    } catch (error) {
      return this.#answerError(request, error, startResponse);
    }
    // What the helpers return (text(), json(), …): no promise check (a `then` lookup through the prototype
    // chain), no conversion and (on this path) no after hooks, so it is sent at once.
    return result instanceof RouteResponse ? this.#send(request, result, startResponse) : this.#completeResult(request, result, startResponse);
  }

  /** The general path, once a mount or a hook is registered. */
  #handleWithHooksOrMounts(environ: Environ, startResponse: StartResponse): MaybePromise<Body> {
    if (!this.#mounts.isEmpty) {
      const mounted = this.#mounts.dispatch(environ, startResponse);
      if (mounted !== undefined) return mounted;
    }
    const pathInfo = environ.PATH_INFO;
    const path = pathInfo === "" ? "/" : pathInfo;
    const match = this.#router.match(environ.REQUEST_METHOD, path);
    const request = new RouteRequest(environ, path, match.kind === "found" ? match.params : NO_PARAMS, this);
    if (this.#beforeHooks.length !== 0) return this.#dispatchAfterBeforeHooks(request, match, startResponse);
    // No before hooks: dispatch directly, without a continuation closure per request.
    return this.#dispatch(request, match, undefined, startResponse);
  }

  #dispatchAfterBeforeHooks(request: RouteRequest, match: RouteMatch<RouteHandler>, startResponse: StartResponse): MaybePromise<Body> {
    let early: MaybePromise<RouteResult | undefined>;
    try {
      early = this.#runBeforeHooks(request, 0);
    } catch (error) {
      return this.#answerError(request, error, startResponse);
    }
    if (!isPromise(early)) return this.#dispatch(request, match, early, startResponse);
    return early.then(
      (value) => this.#dispatch(request, match, value, startResponse),
      (error: unknown) => this.#answerError(request, error, startResponse),
    );
  }

  /** After the before hooks: runs the handler (unless a hook answered) and sends its response; never throws. */
  #dispatch(request: RouteRequest, match: RouteMatch<RouteHandler>, early: RouteResult | undefined, startResponse: StartResponse): MaybePromise<Body> {
    let result: MaybePromise<RouteResult>;
    try {
      result = early !== undefined ? early : this.#routeResult(request, match);
    } catch (error) {
      return this.#answerError(request, error, startResponse);
    }
    return this.#respond(request, result, startResponse);
  }

  /** Sends a handler's or hook's result: converted, through the after hooks, awaited if a promise; never throws. */
  #respond(request: RouteRequest, result: MaybePromise<RouteResult>, startResponse: StartResponse): MaybePromise<Body> {
    // What the helpers return (text(), json(), …) with no after hooks, the common case: it needs no promise
    // check (a `then` lookup through the prototype chain), no conversion and no hook loop, so it is sent at once.
    if (result instanceof RouteResponse && this.#afterHooks.length === 0) return this.#send(request, result, startResponse);
    return this.#completeResult(request, result, startResponse);
  }

  /**
   * Any other result: a sync handler's goes straight on, with no closure, promise or microtask turn for it.
   * An async one settles into one then() that converts, runs the after hooks and sends (one promise, not two).
   */
  #completeResult(request: RouteRequest, result: MaybePromise<RouteResult>, startResponse: StartResponse): MaybePromise<Body> {
    if (isPromise(result)) {
      return result.then(
        (value) => this.#complete(request, value, startResponse),
        (error: unknown) => this.#answerError(request, error, startResponse),
      );
    }
    return this.#complete(request, result, startResponse);
  }

  /** The handler's result for a found route; a 404 or 405 (a response, or a thrown HttpError when error handlers may see it). */
  #routeResult(request: RouteRequest, match: RouteMatch<RouteHandler>): MaybePromise<RouteResult> {
    // The found case only here, the rest in #noRouteResult: small enough to be inlined with the handler.
    return match.kind === "found" ? match.handler(request) : this.#noRouteResult(request, match);
  }

  /** A 404 or 405, or the 204 answer to OPTIONS. */
  #noRouteResult(request: RouteRequest, match: Exclude<RouteMatch<RouteHandler>, { kind: "found" }>): RouteResult {
    if (match.kind === "not-found") {
      // With no error handler to see it, answer without building an Error: capturing a stack costs microseconds.
      if (this.#errorHandlers.isEmpty) return errorResponse(404);
      throw new HttpError(404);
    }
    const allowHeaders: HeaderList = [["Allow", match.allowed.join(", ")]];
    // RFC 9110 §9.3.7: OPTIONS describes the resource; §15.5.6: a 405 must list what is allowed.
    if (request.method === "OPTIONS") return new RouteResponse("", { status: 204, headers: allowHeaders });
    if (this.#errorHandlers.isEmpty) return errorResponse(405, "", allowHeaders);
    throw new HttpError(405, undefined, { headers: allowHeaders });
  }

  /** Converts a result, runs the after hooks and sends the response; errors go through the error handlers. Never throws. */
  #complete(request: RouteRequest, result: RouteResult, startResponse: StartResponse): MaybePromise<Body> {
    let response: MaybePromise<RouteResponse>;
    try {
      response = this.#runAfterHooks(request, toRouteResponse(result), 0);
    } catch (error) {
      return this.#answerError(request, error, startResponse);
    }
    if (!isPromise(response)) return this.#send(request, response, startResponse);
    return response.then(
      (value) => this.#send(request, value, startResponse),
      (error: unknown) => this.#answerError(request, error, startResponse),
    );
  }

  /** Answers with the response for `error` (error handlers, after hooks); never throws. */
  #answerError(request: RouteRequest, error: unknown, startResponse: StartResponse): MaybePromise<Body> {
    return andThen(this.#respondToError(request, error), (response) => this.#send(request, response, startResponse));
  }

  #runBeforeHooks(request: RouteRequest, from: number): MaybePromise<RouteResult | undefined> {
    const hooks = this.#beforeHooks;
    for (let index = from; index < hooks.length; index++) {
      const result = (hooks[index] as BeforeHook)(request);
      if (isPromise(result)) return result.then((value) => (value !== undefined ? value : this.#runBeforeHooks(request, index + 1)));
      if (result !== undefined) return result;
    }
    return undefined;
  }

  #runAfterHooks(request: RouteRequest, response: RouteResponse, from: number): MaybePromise<RouteResponse> {
    const hooks = this.#afterHooks;
    for (let index = from; index < hooks.length; index++) {
      const result = (hooks[index] as AfterHook)(request, response);
      if (isPromise(result)) return result.then((value) => this.#runAfterHooks(request, value ?? response, index + 1));
      if (result !== undefined) response = result;
    }
    return response;
  }

  /** Turns an error into a response through the registered handlers and the after hooks; never throws. */
  #respondToError(request: RouteRequest, error: unknown): MaybePromise<RouteResponse> {
    const expected = isExpectedError(error);
    if (!expected) this.#log(request, "error", error);
    const status = statusOfRouteError(error);
    const hasOwnStatus = error instanceof HttpError || statusOfError(error) !== undefined;
    const choice = this.#errorHandlers.isEmpty ? undefined : this.#errorHandlers.find(error, status, hasOwnStatus);
    try {
      const produced: MaybePromise<RouteResponse> =
        choice === undefined
          ? defaultErrorResponse(error)
          : andThen(choice.handler(choice.error, request), (value) => {
              const response = toRouteResponse(value);
              if (!(value instanceof RouteResponse)) response.status = status;
              // Headers the error carries (Allow on a 405) stay unless the handler set its own.
              if (error instanceof HttpError) for (const [name, headerValue] of error.headers) if (response.header(name) === undefined) response.appendHeader(name, headerValue);
              return response;
            });
      const response = andThen(produced, (value) => this.#runAfterHooks(request, value, 0));
      return isPromise(response) ? response.catch((failure: unknown) => this.#lastResort(request, failure)) : response;
    } catch (failure) {
      return this.#lastResort(request, failure);
    }
  }

  /** An error handler or after hook failed while answering an error: a plain 500, no more user code. */
  #lastResort(request: RouteRequest, error: unknown): RouteResponse {
    this.#log(request, "error while handling an error", error);
    return defaultErrorResponse(undefined);
  }

  #send(request: RouteRequest, response: RouteResponse, startResponse: StartResponse): Body {
    try {
      return response.start(startResponse);
    } catch (error) {
      return this.#sendRefused(request, error, startResponse);
    }
  }

  /** A status or header the writer refused: the head was not taken, so a 500 can still go out. */
  #sendRefused(request: RouteRequest, error: unknown, startResponse: StartResponse): Body {
    this.#log(request, "invalid response", error);
    return defaultErrorResponse(undefined).start(startResponse);
  }

  #log(request: RouteRequest, what: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    const code = GatewayError.isGatewayError(error) ? ` [${error.code}]` : "";
    request.environ["gateway.errors"].write(`[framework-routes] ${what}${code} in ${request.method} ${request.environ.SCRIPT_NAME}${request.path}: ${detail}\n`);
  }
}
