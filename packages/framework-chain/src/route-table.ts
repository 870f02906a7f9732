/**
 * Turns a router's flattened routes into one RouteTree per method, deciding precedence (own method,
 * then GET for HEAD, then all()) and merging duplicates. Runs at setup only; no request knowledge.
 */
import { compose, type ComposedStep } from "./compose.js";
import type { ChainMiddleware, Context } from "./context.js";
import { InvalidRouteError } from "./errors.js";
import { compilePathPattern, type PathPattern } from "./path-pattern.js";
import { RouteTree } from "./route-tree.js";

/** The methods `router.all()` answers, in the order an Allow header lists them. */
export const ROUTER_ALL_METHODS: readonly string[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Method key of routes registered with all(); "*" is also a valid method token meaning the same. */
export const ANY_METHOD = "*";

/** A route after nesting is resolved: its full pattern and whole middleware chain. */
export interface FlatRoute<State> {
  methods: readonly string[];
  pattern: string;
  chain: readonly ChainMiddleware<State>[];
}

/** What one method + pattern shape dispatches to. */
export interface RouteEntry<State> {
  pattern: string;
  paramNames: readonly string[];
  handler: ComposedStep<Context<State>>;
  /**
   * What to run when the caller's next() is already guarded and its result normalised (the router
   * inside compose()): the lone middleware of a one-handler route, unwrapped; else `handler`.
   */
  direct: ChainMiddleware<State>;
}

/** The dispatch table of a router. */
export interface RouteTable<State> {
  /** One tree per method, in Allow-header order. */
  trees: Map<string, RouteTree<RouteEntry<State>>>;
  /** The keys of `trees`, in the same order, for treeFor's scan. */
  methods: readonly string[];
  /** The values of `trees`, parallel to `methods`. */
  methodTrees: readonly RouteTree<RouteEntry<State>>[];
  /** The all() routes, for a method that has no tree of its own. */
  anyMethod: RouteTree<RouteEntry<State>> | undefined;
}

interface RouteGroup<State> {
  pattern: PathPattern;
  chain: ChainMiddleware<State>[];
}

function methodOrder(method: string): number {
  const index = ROUTER_ALL_METHODS.indexOf(method);
  return index === -1 ? ROUTER_ALL_METHODS.length : index;
}

/**
 * Builds the table. Routes of the same method and shape run as one chain, in registration order;
 * the same shape with different parameter names throws ERR_CHAIN_INVALID_ROUTE. Every method with a
 * route gets a tree; a GET route also fills HEAD; all() routes fill every method of ROUTER_ALL_METHODS
 * and every other routed method, where no own route of the same shape exists.
 */
export function buildRouteTable<State>(routes: readonly FlatRoute<State>[]): RouteTable<State> {
  const groups = new Map<string, Map<string, RouteGroup<State>>>();
  for (const route of routes) {
    const pattern = compilePathPattern(route.pattern);
    for (const method of route.methods) {
      let byShape = groups.get(method);
      if (byShape === undefined) groups.set(method, (byShape = new Map()));
      const group = byShape.get(pattern.shape);
      if (group === undefined) {
        byShape.set(pattern.shape, { pattern, chain: route.chain.slice() });
      } else if (group.pattern.paramNames.join() !== pattern.paramNames.join()) {
        throw new InvalidRouteError(`routes ${JSON.stringify(group.pattern.source)} and ${JSON.stringify(pattern.source)} match the same paths for ${method} with different parameter names`);
      } else {
        group.chain.push(...route.chain);
      }
    }
  }
  const anyGroups = groups.get(ANY_METHOD);
  const methods = [...groups.keys()].filter((method) => method !== ANY_METHOD);
  if (anyGroups !== undefined) for (const method of ROUTER_ALL_METHODS) if (!methods.includes(method)) methods.push(method);
  if (methods.includes("GET") && !methods.includes("HEAD")) methods.push("HEAD");
  methods.sort((left, right) => methodOrder(left) - methodOrder(right) || (left < right ? -1 : left > right ? 1 : 0));
  const trees = new Map<string, RouteTree<RouteEntry<State>>>();
  for (const method of methods) {
    // Precedence for one shape: the method's own route, then (for HEAD) the GET route, then all().
    const sources = [groups.get(method), method === "HEAD" ? groups.get("GET") : undefined, anyGroups];
    const chosen = new Map<string, RouteGroup<State>>();
    for (const source of sources) {
      if (source === undefined) continue;
      for (const [shape, group] of source) if (!chosen.has(shape)) chosen.set(shape, group);
    }
    trees.set(method, toTree(chosen));
  }
  return { trees, methods: [...trees.keys()], methodTrees: [...trees.values()], anyMethod: anyGroups === undefined ? undefined : toTree(anyGroups) };
}

/**
 * The tree that dispatches `method`: its own, else the all() routes' (undefined when neither exists).
 * Compares interned method strings instead of hashing the method for `trees.get()` on every request:
 * the first routed method in Allow order (GET whenever there is a GET route) here, in a function small
 * enough for the optimiser's inlining budget, the others in a scan.
 */
export function treeFor<State>(table: RouteTable<State>, method: string): RouteTree<RouteEntry<State>> | undefined {
  return table.methods[0] === method ? table.methodTrees[0] : scanFor(table, method);
}

function scanFor<State>(table: RouteTable<State>, method: string): RouteTree<RouteEntry<State>> | undefined {
  const methods = table.methods;
  for (let index = 1; index < methods.length; index++) {
    if (methods[index] === method) return table.methodTrees[index];
  }
  return table.anyMethod;
}

function toTree<State>(groups: Map<string, RouteGroup<State>>): RouteTree<RouteEntry<State>> {
  const tree = new RouteTree<RouteEntry<State>>();
  for (const { pattern, chain } of groups.values()) {
    const handler = compose(chain);
    tree.insert(pattern, { pattern: pattern.source, paramNames: pattern.paramNames, handler, direct: chain.length === 1 ? (chain[0] as ChainMiddleware<State>) : handler });
  }
  return tree;
}
