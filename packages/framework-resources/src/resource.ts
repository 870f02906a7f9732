// What a resource is (any object with onX responder methods) and how its responders are found; no dispatching.
import { ResourceError } from "./errors.js";
import type { ResourceHooks } from "./hooks.js";
import type { Request } from "./request.js";
import type { Response } from "./response.js";
import type { RouteParams } from "./router.js";

/** A responder: fills in `response` for one method. `params` equals `request.params`. */
export type Responder = (request: Request, response: Response, params: RouteParams) => void | Promise<void>;

/**
 * A resource: any object (usually a class instance) with responder methods named `on` + the method,
 * e.g. `onGet`, `onPost`, `onPropfind` for PROPFIND. The standard ones are typed here; others are found
 * by name at `addRoute`. Declared as methods so a responder may narrow `params` (`params: { id: number }`).
 * Optional `hooks` on the instance or as a static class property add before/after hooks.
 */
export interface Resource {
  onGet?(request: Request, response: Response, params: RouteParams): void | Promise<void>;
  onHead?(request: Request, response: Response, params: RouteParams): void | Promise<void>;
  onPost?(request: Request, response: Response, params: RouteParams): void | Promise<void>;
  onPut?(request: Request, response: Response, params: RouteParams): void | Promise<void>;
  onPatch?(request: Request, response: Response, params: RouteParams): void | Promise<void>;
  onDelete?(request: Request, response: Response, params: RouteParams): void | Promise<void>;
  onOptions?(request: Request, response: Response, params: RouteParams): void | Promise<void>;
  /** Hooks of this resource (an instance property; a static `hooks` on the class works too). */
  hooks?: ResourceHooks;
}

const SUFFIX_PATTERN = /^(?:[A-Z][A-Za-z0-9]*)?$/;

/**
 * Finds a resource's responders, own and inherited, keyed by upper-case method ("onGet" → "GET"; with
 * suffix "Item", "onGetItem" → "GET"). Throws ERR_RESOURCE_NO_RESPONDERS for an object with none, so a
 * typo such as `onget` fails at startup.
 */
export function findResponders(resource: object, suffix = ""): Map<string, Responder> {
  if (!SUFFIX_PATTERN.test(suffix)) throw new ResourceError("ERR_RESOURCE_INVALID_OPTION", `a responder suffix is a capitalised word such as "Item", got ${JSON.stringify(suffix)}`);
  // Built once per addRoute; method names are a capital then lower-case letters ("Propfind").
  const namePattern = new RegExp(`^on([A-Z][a-z]*)${suffix}$`);
  const responders = new Map<string, Responder>();
  for (let prototype: object | null = resource; prototype !== null && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype) as object | null) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const match = namePattern.exec(name);
      if (match === null) continue;
      const method = (match[1] as string).toUpperCase();
      if (responders.has(method)) continue; // the most derived definition wins
      const value = (resource as Record<string, unknown>)[name];
      if (typeof value === "function") responders.set(method, value as Responder);
    }
  }
  if (responders.size === 0) {
    const name = (resource as { constructor?: { name?: string } }).constructor?.name ?? "object";
    throw new ResourceError("ERR_RESOURCE_NO_RESPONDERS", `resource ${name} has no responder methods (on<Method>${suffix}, e.g. onGet${suffix})`);
  }
  return responders;
}

/** The hooks a resource declares: the class's static `hooks`, then the instance's own `hooks` property. */
export function hooksOfResource(resource: object): ResourceHooks[] {
  const levels: ResourceHooks[] = [];
  const constructorHooks = (resource as { constructor?: { hooks?: unknown } }).constructor?.hooks;
  if (typeof constructorHooks === "object" && constructorHooks !== null) levels.push(constructorHooks as ResourceHooks);
  const instanceHooks = (resource as { hooks?: unknown }).hooks;
  if (typeof instanceHooks === "object" && instanceHooks !== null && instanceHooks !== constructorHooks) levels.push(instanceHooks as ResourceHooks);
  return levels;
}
