// Hook types and the order hooks run in: app, route, resource, then method (before); the reverse (after). No request handling.
import type { Request } from "./request.js";
import type { Response } from "./response.js";
import type { RouteParams } from "./router.js";

/**
 * A hook runs around a responder. A before-hook may throw an HTTPError to answer at once, or set
 * `response.complete = true` to skip the responder (after-hooks still run). An after-hook sees the
 * response the responder built and may change it. `resource` is the object the route was added with.
 */
export type Hook = (request: Request, response: Response, resource: object, params: RouteParams) => void | Promise<void>;

/** Hooks at one level: before and after the responder. */
export interface HookSet {
  /** Run in order, before the responder. Default: none. */
  before?: readonly Hook[];
  /** Run in order, after the responder (only when it, and every before-hook, succeeded). Default: none. */
  after?: readonly Hook[];
}

/**
 * Hooks of an app, a route or a resource: `before`/`after` for every method, and `methods` for one
 * method only, keyed by upper-case method name. On a resource class, declare them as
 * `static hooks: ResourceHooks = { before: [authenticate], methods: { POST: { before: [validate] } } }`
 * (or as an instance property `hooks`); no decorators needed.
 */
export interface ResourceHooks extends HookSet {
  /** Per-method hooks, run inside the hooks above (before: after them; after: before them). Default: none. */
  methods?: Readonly<Record<string, HookSet>>;
}

/** Hooks resolved for one route and method, ready to run. */
export interface MethodHooks {
  before: readonly Hook[];
  after: readonly Hook[];
}

/** Compiled once per route and method, so a request only walks two flat arrays. */
export const NO_HOOKS: MethodHooks = Object.freeze({ before: Object.freeze([]), after: Object.freeze([]) });

/**
 * Flattens hook levels (outermost first) for one method: before-hooks from the outside in, after-hooks
 * from the inside out, as nested middleware would run.
 */
export function resolveHooks(levels: readonly (ResourceHooks | undefined)[], method: string): MethodHooks {
  const before: Hook[] = [];
  const after: Hook[] = [];
  for (const level of levels) {
    if (level === undefined) continue;
    const forMethod = level.methods?.[method];
    before.push(...(level.before ?? []), ...(forMethod?.before ?? []));
    after.unshift(...(level.after ?? []));
    after.unshift(...(forMethod?.after ?? []));
  }
  if (before.length === 0 && after.length === 0) return NO_HOOKS;
  return { before, after };
}
