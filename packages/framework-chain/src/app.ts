/**
 * ChainApp: a Koa-style middleware chain that is a gateway Application through `app.application`.
 * It owns the one error boundary of the framework; it imports no server.
 */
import type { Application, Body, StartResponse } from "@patchbay/gateway";
import { compose, RESOLVED, type ComposedStep } from "./compose.js";
import { Context, type ChainMiddleware, type DefaultState } from "./context.js";
import { InvalidOptionError } from "./errors.js";
import { setErrorResponse } from "./error-response.js";
import { respond } from "./respond.js";

/** Receives errors the boundary did not expose to the client (500s and unexposed ones) and stream failures. */
export type ErrorListener<State = DefaultState> = (error: unknown, context: Context<State>) => void;

/** Events an app emits; only "error" for now. */
export type ChainAppEvent = "error";

/**
 * A Koa-style application. Register middleware with `use()`; hand `app.application` (a gateway
 * Application, created once per app) to any patchbay server, `callApp`, or `validate`.
 *
 * Each request gets one Context. Middleware run in order down the chain and back up (the onion).
 * Anything thrown becomes a response in one place: an error with a 4xx/5xx `status` answers with that
 * status (its message shown when exposed), anything else answers 500 with no detail and is reported
 * to the "error" listeners (by default written to the environ's `gateway.errors`). When nothing sets a
 * body the answer is 404 "Not Found".
 *
 * @example
 * const app = new ChainApp();
 * app.use(async (ctx) => { ctx.body = { hello: "world" }; });
 * serve(app.application, { port: 8080 });
 */
export class ChainApp<State = DefaultState> {
  /**
   * The gateway Application that runs this chain; the same function for the app's whole life. When
   * every middleware finishes synchronously it answers within the call (startResponse called, the body
   * array returned); otherwise it returns a promise of the body.
   */
  readonly application: Application;
  readonly #middleware: ChainMiddleware<State>[] = [];
  readonly #errorListeners: ErrorListener<State>[] = [];
  #composed: ComposedStep<Context<State>> | undefined;
  readonly #report: ErrorListener<State> = (error, context) => this.#reportError(error, context);

  constructor() {
    // The request path written out in the closure, not a call of a private #handle and #finish: each
    // private method call is ~20 bytes of bytecode (brand check, load, call), and the optimiser inlines
    // a function's callees only up to a bytecode budget.
    const handle: Application = (environ, startResponse) => {
      const context = new Context<State>(environ);
      const done = (this.#composed ?? this.#compose())(context);
      // sync: a chain whose steps all returned synchronously answers in this call, so the gateway takes
      // its sync path; an async function here cost two microtask turns and two promises (~0.4 µs).
      if (done !== RESOLVED) return this.#finishLater(done, context, startResponse);
      try {
        return respond(context, startResponse, this.#report);
      } catch (error) {
        return this.#recover(context, startResponse, error);
      }
    };
    // A forwarder, not `handle` itself: end to end the server's request function inlines runApplication
    // and then the app into itself, within V8's budget of 920 bytecode bytes per optimised function, and
    // the writer's own calls (its ResponseRun constructor, ~230 bytes with its field initializer) compete
    // for that budget. The 169-byte `handle` went in first and left the writer's constructor, the
    // Context and ChainResponse field initializers, the chain and respond() as real calls. A forwarder
    // this small is inlined outright and `handle` comes after the writer's calls: gateway dispatch bench
    // 550 -> 520 ns/request median (minimal router 488 in the same series).
    this.application = (environ, startResponse) => handle(environ, startResponse);
  }

  /** Appends a middleware to the chain; returns the app for chaining. Takes effect on the next request. */
  use(middleware: ChainMiddleware<State>): this {
    if (typeof middleware !== "function") throw new InvalidOptionError(`app.use() takes a middleware function, got ${middleware === null ? "null" : typeof middleware}`);
    this.#middleware.push(middleware);
    this.#composed = undefined;
    return this;
  }

  /** Adds a listener for errors the boundary reports. With none, reports go to the environ's `gateway.errors`. */
  on(event: ChainAppEvent, listener: ErrorListener<State>): this {
    if (event !== "error") throw new InvalidOptionError(`unknown event ${JSON.stringify(event)}; the only event is "error"`);
    if (typeof listener !== "function") throw new InvalidOptionError("app.on() takes a listener function");
    this.#errorListeners.push(listener);
    return this;
  }

  /**
   * #finish once an async chain settles. Apart from `application` because its closures capture the context
   * and startResponse: there they made every call, sync ones too, allocate a frame for them.
   */
  #finishLater(done: Promise<void>, context: Context<State>, startResponse: StartResponse): Promise<Body> {
    return done.then(
      () => this.#finish(context, startResponse),
      (error: unknown) => this.#recover(context, startResponse, error),
    );
  }

  /** Composes the middleware, after a use(), for the next requests. Out of `application` to keep it small (inlining budget). */
  #compose(): ComposedStep<Context<State>> {
    return (this.#composed = compose(this.#middleware));
  }

  #finish(context: Context<State>, startResponse: StartResponse): Body | Promise<Body> {
    try {
      return respond(context, startResponse, this.#report);
    } catch (error) {
      return this.#recover(context, startResponse, error);
    }
  }

  /** The one error boundary: whatever failed (a middleware, or serialising the body) becomes a response here. */
  #recover(context: Context<State>, startResponse: StartResponse, error: unknown): Body | Promise<Body> {
    try {
      if (setErrorResponse(context, error)) this.#reportError(error, context);
      return respond(context, startResponse, this.#report);
    } catch (failure) {
      // As before, a failure of the boundary itself reaches the server as a rejected body promise.
      return Promise.reject(failure as Error);
    }
  }

  #reportError(error: unknown, context: Context<State>): void {
    if (this.#errorListeners.length === 0) {
      writeToErrorStream(context, error);
      return;
    }
    for (const listener of this.#errorListeners) {
      try {
        listener(error, context);
      } catch (listenerError) {
        writeToErrorStream(context, listenerError);
      }
    }
  }
}

function writeToErrorStream<State>(context: Context<State>, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  const label = typeof code === "string" ? ` [${code}]` : "";
  context.environ["gateway.errors"].write(`framework-chain: error in ${context.method} ${context.path}${label}: ${detail}\n`);
}
