// Matches a method and a decoded path to a registered handler and its params; pure, no request or response knowledge.
import { RouteError } from "./errors.js";
import { DirectoryIndex } from "./directory-index.js";
import type { CompiledPathPattern } from "./path-pattern.js";

/** What a lookup found: a handler, a path that exists for other methods (405), or nothing (404). */
export type RouteMatch<Handler> =
  | { readonly kind: "found"; readonly handler: Handler; readonly params: Record<string, unknown> }
  | { readonly kind: "method-not-allowed"; readonly allowed: readonly string[] }
  | { readonly kind: "not-found" };

type FoundMatch<Handler> = Extract<RouteMatch<Handler>, { kind: "found" }>;

interface RouteEntry<Handler> {
  readonly pattern: CompiledPathPattern;
  /** The pattern's literal directory (DirectoryIndex key). */
  readonly directory: string;
  /** Registration position of the pattern. */
  readonly order: number;
  readonly handlers: Map<string, Handler>;
  /** Static entries only: the match result per method, built once, so a static hit allocates nothing. */
  readonly found: Map<string, FoundMatch<Handler>>;
  /** `found.get("GET")` kept in a field: most requests are GETs, and this skips a Map lookup for them. */
  foundGet: FoundMatch<Handler> | undefined;
}

const NOT_FOUND: RouteMatch<never> = { kind: "not-found" };
const NO_PARAMS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/**
 * A method + path router. Static paths are one Map lookup; dynamic patterns are indexed by their literal
 * directory (DirectoryIndex), so a request only tries the patterns that can match it, in registration order.
 * A static route wins over a dynamic one for the same path. HEAD falls back to the GET handler.
 */
export class Router<Handler> {
  readonly #entries = new Map<string, RouteEntry<Handler>>();
  readonly #static = new Map<string, RouteEntry<Handler>>();
  readonly #dynamic = new DirectoryIndex<RouteEntry<Handler>>();

  /** Registers `handler` for `method` (already upper-case) on `pattern`; a second handler for the same pair throws. */
  add(method: string, pattern: CompiledPathPattern, handler: Handler): void {
    let entry = this.#entries.get(pattern.source);
    if (entry === undefined) {
      entry = { pattern, directory: pattern.literalDirectory, order: this.#entries.size, handlers: new Map(), found: new Map(), foundGet: undefined };
      this.#entries.set(pattern.source, entry);
      if (pattern.staticPath !== undefined) this.#static.set(pattern.staticPath, entry);
      else this.#dynamic.add(entry);
    }
    if (entry.handlers.has(method)) {
      throw new RouteError("ERR_ROUTE_DUPLICATE_ROUTE", `${method} ${pattern.source} already has a handler`);
    }
    entry.handlers.set(method, handler);
    if (pattern.staticPath !== undefined) {
      const found: FoundMatch<Handler> = { kind: "found", handler, params: NO_PARAMS };
      entry.found.set(method, found);
      if (method === "GET") entry.foundGet = found;
    }
  }

  /** Finds the handler for `method` on `path`. */
  match(method: string, path: string): RouteMatch<Handler> {
    // Kept small on purpose (the static hit only): V8 inlines a caller's callees within a bytecode budget, and
    // the pattern loop in #matchPatterns would spend it, leaving the handler call in the app un-inlined.
    const staticEntry = this.#static.get(path);
    if (staticEntry !== undefined) {
      // Shared, prebuilt result: saves allocating a match object per request (results are read-only).
      const found = method === "GET" ? staticEntry.foundGet : staticFound(staticEntry, method);
      if (found !== undefined) return found;
    }
    return this.#matchPatterns(method, path, staticEntry !== undefined);
  }

  /** The patterns' turn, after no static route answered `method`; `pathExists` when a static one has the path. */
  #matchPatterns(method: string, path: string, pathExists: boolean): RouteMatch<Handler> {
    for (const entry of this.#dynamic.candidates(path)) {
      const params = entry.pattern.match(path);
      if (params === undefined) continue;
      const handler = pickHandler(entry, method);
      if (handler !== undefined) return { kind: "found", handler, params };
      pathExists = true;
    }
    return pathExists ? { kind: "method-not-allowed", allowed: this.allowedMethods(path) } : NOT_FOUND;
  }

  /**
   * Every method some route accepts on `path`, sorted, with HEAD where GET is and OPTIONS always
   * (RFC 9110 §10.2.1 Allow); empty when no route matches the path.
   */
  allowedMethods(path: string): string[] {
    const methods = new Set<string>();
    const staticEntry = this.#static.get(path);
    if (staticEntry !== undefined) for (const method of staticEntry.handlers.keys()) methods.add(method);
    for (const entry of this.#dynamic.candidates(path)) {
      if (entry.pattern.match(path) === undefined) continue;
      for (const method of entry.handlers.keys()) methods.add(method);
    }
    if (methods.size === 0) return [];
    if (methods.has("GET")) methods.add("HEAD");
    methods.add("OPTIONS");
    return [...methods].sort();
  }
}

function staticFound<Handler>(entry: RouteEntry<Handler>, method: string): FoundMatch<Handler> | undefined {
  // HEAD falls back to GET as in pickHandler.
  return entry.found.get(method) ?? (method === "HEAD" ? entry.foundGet : undefined);
}

function pickHandler<Handler>(entry: RouteEntry<Handler>, method: string): Handler | undefined {
  const handler = entry.handlers.get(method);
  // RFC 9110 §9.3.2: HEAD is GET without the body; the response writer drops the body.
  return handler === undefined && method === "HEAD" ? entry.handlers.get("GET") : handler;
}
