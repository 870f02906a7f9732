/**
 * Router: method + path dispatch as chain middleware (koa-router's API), with nested routers and
 * prefixes flattened into one route table per method, built once and rebuilt only after a change.
 */
import { RESOLVED, setComposedVariant } from "./compose.js";
import type { ChainMiddleware, Context, DefaultState } from "./context.js";
import { InvalidOptionError } from "./errors.js";
import { compilePathPattern, joinPattern, normalizePrefix } from "./path-pattern.js";
import type { RouteTree } from "./route-tree.js";
import { ANY_METHOD, buildRouteTable, ROUTER_ALL_METHODS, treeFor, type FlatRoute, type RouteEntry, type RouteTable } from "./route-table.js";

/** Options of a Router. */
export interface RouterOptions {
  /** A path every route of this router is under ("/api"). Default "" (none). */
  prefix?: string;
}

/** The methods RFC 9110 §9 defines: an unrouted one gets 405, any other method 501 (RFC 9110 §15.6.2). */
const STANDARD_METHODS: ReadonlySet<string> = new Set([...ROUTER_ALL_METHODS, "CONNECT", "TRACE"]);

const METHOD_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

interface RouteRecord<State> {
  methods: readonly string[];
  pattern: string;
  middleware: readonly ChainMiddleware<State>[];
}

interface NestedRouter<State> {
  prefix: string;
  router: Router<State>;
}

function isRouter<State>(value: unknown): value is Router<State> {
  return value instanceof Router;
}

/**
 * A router: `router.get("/users/:id", middleware…)` runs the middleware when method and path match,
 * with `ctx.params` set ({ id }) and `ctx.matchedRoute` set to the pattern. Mount it with
 * `app.use(router.routes())`, and add `app.use(router.allowedMethods())` for 405/501 and OPTIONS.
 *
 * Patterns: literal segments, `:name` (one segment), and a final `*name` or `*` (the rest). A static
 * segment beats a parameter, which beats a wildcard; a trailing "/" is ignored; matching is case-sensitive.
 * A GET route also answers HEAD (the server sends no body). Router-level middleware (`router.use(fn)`)
 * run before the handlers of every route of the router and of its nested routers, whatever the order
 * of registration. An unmatched request passes through to the next middleware.
 *
 * @example
 * const users = new Router({ prefix: "/users" });
 * users.get("/:id", (ctx) => { ctx.body = { id: ctx.params.id }; });
 * const api = new Router().use("/api", users);
 * app.use(api.routes()).use(api.allowedMethods());
 */
export class Router<State = DefaultState> {
  readonly #prefix: string;
  readonly #routes: RouteRecord<State>[] = [];
  readonly #middleware: ChainMiddleware<State>[] = [];
  readonly #nested: NestedRouter<State>[] = [];
  readonly #parents = new Set<Router<State>>();
  #table: RouteTable<State> | undefined;
  /** Scratch for parameter values; safe to share because matching is synchronous. */
  readonly #values: string[] = [];

  constructor(options: RouterOptions = {}) {
    this.#prefix = normalizePrefix(options.prefix ?? "");
  }

  /** Routes GET (and HEAD) requests for `pattern` to `middleware`. */
  get(pattern: string, ...middleware: ChainMiddleware<State>[]): this {
    return this.route("GET", pattern, ...middleware);
  }

  /** Routes HEAD requests (overrides the HEAD a GET route answers). */
  head(pattern: string, ...middleware: ChainMiddleware<State>[]): this {
    return this.route("HEAD", pattern, ...middleware);
  }

  /** Routes POST requests. */
  post(pattern: string, ...middleware: ChainMiddleware<State>[]): this {
    return this.route("POST", pattern, ...middleware);
  }

  /** Routes PUT requests. */
  put(pattern: string, ...middleware: ChainMiddleware<State>[]): this {
    return this.route("PUT", pattern, ...middleware);
  }

  /** Routes PATCH requests. */
  patch(pattern: string, ...middleware: ChainMiddleware<State>[]): this {
    return this.route("PATCH", pattern, ...middleware);
  }

  /** Routes DELETE requests. */
  delete(pattern: string, ...middleware: ChainMiddleware<State>[]): this {
    return this.route("DELETE", pattern, ...middleware);
  }

  /** Routes OPTIONS requests (otherwise allowedMethods() answers them). */
  options(pattern: string, ...middleware: ChainMiddleware<State>[]): this {
    return this.route("OPTIONS", pattern, ...middleware);
  }

  /** Routes every method of ROUTER_ALL_METHODS and any other method, except where an explicit route of the same pattern answers. */
  all(pattern: string, ...middleware: ChainMiddleware<State>[]): this {
    return this.route(ANY_METHOD, pattern, ...middleware);
  }

  /**
   * Routes the given method(s) (any token, e.g. "PROPFIND"; case-insensitive) for `pattern`.
   * Registering the same method and pattern twice chains both, in order. Throws ERR_CHAIN_INVALID_ROUTE
   * for a bad pattern and ERR_CHAIN_INVALID_OPTION for a bad method or no middleware.
   */
  route(methods: string | readonly string[], pattern: string, ...middleware: ChainMiddleware<State>[]): this {
    const list = (typeof methods === "string" ? [methods] : methods).map((method) => {
      if (typeof method !== "string" || (method !== ANY_METHOD && !METHOD_TOKEN.test(method))) throw new InvalidOptionError(`route method must be a token, got ${JSON.stringify(method)}`);
      return method.toUpperCase();
    });
    if (list.length === 0) throw new InvalidOptionError(`route ${JSON.stringify(pattern)} needs at least one method`);
    compilePathPattern(pattern);
    if (middleware.length === 0) throw new InvalidOptionError(`route ${JSON.stringify(pattern)} needs at least one middleware`);
    for (const step of middleware) {
      if (typeof step !== "function") throw new InvalidOptionError(`route ${JSON.stringify(pattern)}: middleware must be functions, got ${step === null ? "null" : typeof step}`);
    }
    this.#routes.push({ methods: list, pattern, middleware });
    this.#invalidate();
    return this;
  }

  /**
   * Adds router-level middleware, or nests routers. `use(fn…)` runs `fn` before the handlers of every
   * route below this router; `use(router…)` and `use("/prefix", router…)` add another router's routes
   * under this router's prefix (plus `prefix`). Later changes to a nested router are picked up.
   */
  use(...handlers: (ChainMiddleware<State> | Router<State>)[]): this;
  use(prefix: string, ...routers: Router<State>[]): this;
  use(first: string | ChainMiddleware<State> | Router<State>, ...rest: (ChainMiddleware<State> | Router<State>)[]): this {
    const prefix = typeof first === "string" ? normalizePrefix(first) : undefined;
    const handlers = typeof first === "string" ? rest : [first, ...rest];
    for (const handler of handlers) {
      if (isRouter<State>(handler)) {
        if (handler.#contains(this)) throw new InvalidOptionError("a router cannot be nested inside itself or one of its own nested routers");
        this.#nested.push({ prefix: prefix ?? "", router: handler });
        handler.#parents.add(this);
      } else if (typeof handler === "function" && prefix === undefined) {
        this.#middleware.push(handler);
      } else {
        throw new InvalidOptionError(prefix === undefined ? "router.use() takes middleware functions or routers" : "router.use(prefix, …) takes routers; put prefixed middleware on a nested router");
      }
    }
    this.#invalidate();
    return this;
  }

  /** The middleware that dispatches to this router's routes; unmatched requests go to `next`. */
  routes(): ChainMiddleware<State> {
    const routes: ChainMiddleware<State> = (context, next) => {
      const entry = this.#route(context);
      return entry === undefined ? next() : entry.handler(context, next);
    };
    // Composed (app.use, or a route of another router), next() is compose's guarded one: a
    // one-handler route gets it as it is, without the guarding closure its handler adds.
    setComposedVariant(routes, (context, next) => {
      const entry = this.#route(context);
      return entry === undefined ? next() : entry.direct(context, next);
    });
    return routes;
  }

  /**
   * The route entry for the request, with ctx.params and ctx.matchedRoute set; undefined when none
   * matches. A static route is one Map lookup here; the rest is in #matchDynamic. Small on purpose:
   * the optimiser inlines callees only up to a bytecode budget, and with the whole hello path inlined
   * it also drops objects that never escape.
   */
  #route(context: Context<State>): RouteEntry<State> | undefined {
    const tree = treeFor(this.#table ?? this.#build(), context.method);
    if (tree === undefined) return undefined;
    const path = context.path;
    const entry = tree.statics.get(path) ?? this.#matchDynamic(tree, path, context);
    if (entry !== undefined) context.matchedRoute = entry.pattern;
    return entry;
  }

  /** #route for a path that is not a static route: trailing "/", parameters and wildcards (sets ctx.params). */
  #matchDynamic(tree: RouteTree<RouteEntry<State>>, path: string, context: Context<State>): RouteEntry<State> | undefined {
    const values = this.#values;
    // Only after a parameter match: setting length on an empty array still cost ~10 ns.
    if (values.length !== 0) values.length = 0;
    const entry = tree.matchAfterMiss(path, values);
    if (entry !== undefined && values.length > 0) context.params = toParams(entry.paramNames, values);
    return entry;
  }

  /**
   * The middleware that answers, after the rest of the chain left a request unanswered (404, no body),
   * for a path this router knows: OPTIONS with 204 and Allow; a method RFC 9110 does not define with
   * 501; any other method with 405 and Allow (RFC 9110 §15.5.6). Mount it after routes().
   */
  allowedMethods(): ChainMiddleware<State> {
    return (context, next) => {
      const done = next();
      // sync: when the rest of the chain finished synchronously, answer now and hand back the shared
      // resolved promise, so the app answers in the same call; the async function it replaces cost a
      // promise and two microtask turns on every request the router did not answer.
      if (done === RESOLVED) {
        this.#answerUnrouted(context);
        return RESOLVED;
      }
      return Promise.resolve(done).then(() => this.#answerUnrouted(context));
    };
  }

  /** allowedMethods()'s work once the chain is done: 204/405/501 for a known path left unanswered. */
  #answerUnrouted(context: Context<State>): void {
    const response = context.response;
    if (response.body !== undefined || response.status !== 404) return;
    const allow = this.#allowFor(context.path);
    if (allow === undefined) return;
    const method = context.method;
    if (method === "OPTIONS") {
      response.set("Allow", allow);
      response.status = 204;
    } else if (!STANDARD_METHODS.has(method) && !this.#knowsMethod(method)) {
      response.status = 501;
    } else {
      response.set("Allow", allow);
      response.status = 405;
    }
  }

  /** The Allow value for `path` (methods with a matching route, plus OPTIONS), or undefined when no route matches. */
  #allowFor(path: string): string | undefined {
    const table = this.#table ?? this.#build();
    const values = this.#values;
    const methods: string[] = [];
    for (const [method, tree] of table.trees) {
      values.length = 0;
      if (tree.match(path, values) !== undefined) methods.push(method);
    }
    if (methods.length === 0) return undefined;
    if (!methods.includes("OPTIONS")) methods.push("OPTIONS");
    return methods.join(", ");
  }

  #knowsMethod(method: string): boolean {
    return (this.#table ?? this.#build()).trees.has(method);
  }

  #contains(router: Router<State>): boolean {
    return this === router || this.#nested.some((nested) => nested.router.#contains(router));
  }

  #invalidate(): void {
    this.#table = undefined;
    for (const parent of this.#parents) parent.#invalidate();
  }

  #collect(prefix: string, inherited: readonly ChainMiddleware<State>[], out: FlatRoute<State>[]): void {
    const base = prefix + this.#prefix;
    const middleware = inherited.concat(this.#middleware);
    for (const route of this.#routes) {
      out.push({ methods: route.methods, pattern: joinPattern(base, route.pattern), chain: middleware.concat(route.middleware) });
    }
    for (const nested of this.#nested) nested.router.#collect(base + nested.prefix, middleware, out);
  }

  #build(): RouteTable<State> {
    const flat: FlatRoute<State>[] = [];
    this.#collect("", [], flat);
    const table = buildRouteTable(flat);
    this.#table = table;
    return table;
  }
}

function toParams(names: readonly string[], values: readonly string[]): Record<string, string> {
  const params = Object.create(null) as Record<string, string>;
  for (let index = 0; index < names.length; index++) params[names[index] as string] = values[index] as string;
  return params;
}
