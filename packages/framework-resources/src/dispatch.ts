// Method dispatch for one route: compiles a resource's responders and hooks once, then runs them per request (405/OPTIONS/HEAD defaults).
import { NO_HOOKS, resolveHooks } from "./hooks.js";
import type { Hook, MethodHooks, ResourceHooks } from "./hooks.js";
import { HTTPMethodNotAllowed } from "./http-errors.js";
import type { Request } from "./request.js";
import type { Responder } from "./resource.js";
import { findResponders, hooksOfResource } from "./resource.js";
import type { Response } from "./response.js";
import type { RouteParams } from "./router.js";

/** A responder with its hooks resolved. */
export interface CompiledResponder {
  responder: Responder;
  /**
   * The responder bound to its resource, made once at addRoute. Called directly, a call site that sees
   * one or a few responders lets the optimizer inline them (and then drop a request object nothing
   * keeps); `responder.call(resource, …)` hides the target and cost ~9 ns per request.
   */
  bound: Responder;
  hooks: MethodHooks;
}

/** A resource as the router holds it: everything a request needs, computed at addRoute. */
export interface CompiledResource {
  resource: object;
  /** By upper-case method; HEAD falls back to GET when the resource has no onHead. */
  responders: ReadonlyMap<string, CompiledResponder>;
  /** What the Allow header says (RFC 9110 §10.2.1), in a stable order. */
  allowedMethods: readonly string[];
  allowHeader: string;
  /** responders.get("GET"), kept apart so the most common method needs no map lookup. */
  getResponder: CompiledResponder | undefined;
}

const METHOD_ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function methodRank(method: string): number {
  const rank = METHOD_ORDER.indexOf(method);
  return rank === -1 ? METHOD_ORDER.length : rank;
}

/**
 * Compiles a resource for one route. `outerHooks` are the app's and the route's, outermost first; the
 * resource's own (static, then instance) come after them. `suffix` selects responders named
 * `on<Method><Suffix>` (e.g. "Item" → onGetItem), so one class can serve a collection and its items.
 */
export function compileResource(resource: object, outerHooks: readonly (ResourceHooks | undefined)[], suffix = ""): CompiledResource {
  const levels = [...outerHooks, ...hooksOfResource(resource)];
  const responders = new Map<string, CompiledResponder>();
  for (const [method, responder] of findResponders(resource, suffix)) responders.set(method, { responder, bound: responder.bind(resource), hooks: resolveHooks(levels, method) });
  const get = responders.get("GET");
  // RFC 9110 §9.3.2: HEAD is GET without the body; the response writer drops the body.
  if (get !== undefined && !responders.has("HEAD")) responders.set("HEAD", get);
  const allowedMethods = [...new Set([...responders.keys(), "OPTIONS"])].sort((left, right) => methodRank(left) - methodRank(right) || (left < right ? -1 : 1));
  return { resource, responders, allowedMethods, allowHeader: allowedMethods.join(", "), getResponder: get };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof value === "object" && value !== null && typeof (value as Promise<unknown>).then === "function";
}

/** The compiled responder for a method other than GET, or undefined (out of dispatch, for its inlining budget). */
function responderFor(compiled: CompiledResource, method: string): CompiledResponder | undefined {
  return compiled.responders.get(method);
}

/**
 * A method the resource has no responder for: OPTIONS answers 204 with Allow, anything else is a 405. A
 * function of its own so that dispatch stays small enough to inline within the optimizer's budget.
 */
function answerWithoutResponder(compiled: CompiledResource, method: string, response: Response): undefined {
  if (method !== "OPTIONS") throw new HTTPMethodNotAllowed(compiled.allowedMethods);
  response.status = 204;
  response.setHeader("Allow", compiled.allowHeader);
  return undefined;
}

/**
 * Runs the responder for `request.method` with its hooks: before-hooks in order (stopping once
 * `response.complete` is set), the responder unless complete, then after-hooks. Without a responder,
 * OPTIONS answers 204 with Allow, and any other method throws HTTPMethodNotAllowed (405 with Allow).
 * Returns undefined when every hook and the responder returned synchronously (errors are thrown), and a
 * promise from the first one that returned a promise (errors then reject it).
 */
export function dispatch(compiled: CompiledResource, request: Request, response: Response, params: RouteParams): Promise<void> | undefined {
  const method = request.method;
  const entry = method === "GET" ? compiled.getResponder : responderFor(compiled, method);
  if (entry === undefined) return answerWithoutResponder(compiled, method, response);
  // Sync all the way unless a step returns a promise: an async dispatch cost a promise and a microtask
  // turn per request, and made the app async, which sent the writer down its slower async path.
  if (entry.hooks !== NO_HOOKS) return runSteps(entry, compiled.resource, request, response, params, 0);
  // The common case, a route without hooks: call the responder directly (runSteps and the map lookup
  // cost ~8 ns more per request). No `response.complete` test: only a before-hook can set it, and
  // there is none.
  const result = entry.bound(request, response, params);
  // A sync responder returns undefined: nothing more to test, and the rest stays out of dispatch, which
  // keeps dispatch (and the promise test) out of the optimizer's shared inlining budget.
  return result === undefined ? undefined : asPromise(result);
}

/**
 * A responder's result as dispatch returns it: a promise (a foreign thenable adopted as `await` would,
 * a native promise as is), or undefined for any other value.
 */
function asPromise(result: unknown): Promise<void> | undefined {
  return isPromise(result) ? (Promise.resolve(result) as Promise<void>) : undefined;
}

/**
 * Runs steps from `step` on: before-hooks are steps 0..b-1, the responder is step b, after-hooks follow.
 * On the first promise, the rest runs once it settles.
 */
function runSteps(entry: CompiledResponder, resource: object, request: Request, response: Response, params: RouteParams, step: number): Promise<void> | undefined {
  const { before, after } = entry.hooks;
  const responderStep = before.length;
  const lastStep = responderStep + after.length;
  for (; step <= lastStep; step++) {
    let result: void | Promise<void>;
    if (step < responderStep) {
      if (response.complete) {
        step = responderStep; // skip the remaining before-hooks and the responder
        continue;
      }
      result = (before[step] as Hook)(request, response, resource, params);
    } else if (step === responderStep) {
      if (response.complete) continue;
      result = entry.bound(request, response, params);
    } else {
      result = (after[step - responderStep - 1] as Hook)(request, response, resource, params);
    }
    if (isPromise(result)) {
      const next = step + 1;
      // Promise.resolve: a foreign thenable is adopted as `await` would; a native promise is used as is.
      return Promise.resolve(result).then(() => runSteps(entry, resource, request, response, params, next));
    }
  }
  return undefined;
}
