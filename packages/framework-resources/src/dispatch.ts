// Method dispatch for one route: compiles a resource's responders and hooks once, then runs them per request (405/OPTIONS/HEAD defaults).
import { resolveHooks } from "./hooks.js";
import type { MethodHooks, ResourceHooks } from "./hooks.js";
import { HTTPMethodNotAllowed } from "./http-errors.js";
import type { Request } from "./request.js";
import type { Responder } from "./resource.js";
import { findResponders, hooksOfResource } from "./resource.js";
import type { Response } from "./response.js";
import type { RouteParams } from "./router.js";

/** A responder with its hooks resolved. */
export interface CompiledResponder {
  responder: Responder;
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
  for (const [method, responder] of findResponders(resource, suffix)) responders.set(method, { responder, hooks: resolveHooks(levels, method) });
  const get = responders.get("GET");
  // RFC 9110 §9.3.2: HEAD is GET without the body; the response writer drops the body.
  if (get !== undefined && !responders.has("HEAD")) responders.set("HEAD", get);
  const allowedMethods = [...new Set([...responders.keys(), "OPTIONS"])].sort((left, right) => methodRank(left) - methodRank(right) || (left < right ? -1 : 1));
  return { resource, responders, allowedMethods, allowHeader: allowedMethods.join(", ") };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof value === "object" && value !== null && typeof (value as Promise<unknown>).then === "function";
}

/**
 * Runs the responder for `request.method` with its hooks: before-hooks in order (stopping once
 * `response.complete` is set), the responder unless complete, then after-hooks. Without a responder,
 * OPTIONS answers 204 with Allow, and any other method throws HTTPMethodNotAllowed (405 with Allow).
 * Sync hooks and responders are not awaited.
 */
export async function dispatch(compiled: CompiledResource, request: Request, response: Response, params: RouteParams): Promise<void> {
  const entry = compiled.responders.get(request.method);
  if (entry === undefined) {
    if (request.method !== "OPTIONS") throw new HTTPMethodNotAllowed(compiled.allowedMethods);
    response.status = 204;
    response.setHeader("Allow", compiled.allowHeader);
    return;
  }
  const resource = compiled.resource;
  const { before, after } = entry.hooks;
  for (let index = 0; index < before.length && !response.complete; index++) {
    const result = (before[index] as MethodHooks["before"][number])(request, response, resource, params);
    if (isPromise(result)) await result;
  }
  if (!response.complete) {
    const result = entry.responder.call(resource, request, response, params);
    if (isPromise(result)) await result;
  }
  for (let index = 0; index < after.length; index++) {
    const result = (after[index] as MethodHooks["after"][number])(request, response, resource, params);
    if (isPromise(result)) await result;
  }
}
