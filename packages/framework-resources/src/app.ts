// ResourceApp: the route table, media handlers and error rendering of one app, exposed as a gateway Application; it never touches a socket.
import { GatewayError, statusOfError } from "@patchbay/gateway";
import type { Application, Body, Environ, StartResponse } from "@patchbay/gateway";
import { BUILT_IN_CONVERTERS } from "./converters.js";
import type { ConverterFactory } from "./converters.js";
import { compileResource, dispatch } from "./dispatch.js";
import type { CompiledResource } from "./dispatch.js";
import { ResourceError } from "./errors.js";
import { formMediaHandler } from "./form-media-handler.js";
import type { ResourceHooks } from "./hooks.js";
import { HTTPError } from "./http-error.js";
import { HTTPInternalServerError } from "./http-errors.js";
import { jsonMediaHandler } from "./json-media-handler.js";
import { MediaHandlers } from "./media-handler.js";
import { renderProblem, renderProblemDocument, renderResponse } from "./render-response.js";
import { Request } from "./request.js";
import type { RequestSettings } from "./request.js";
import type { Resource } from "./resource.js";
import { Response } from "./response.js";
import { Router } from "./router.js";
import { compileTemplate } from "./uri-template.js";

const NOT_FOUND_TITLE = "Not Found";

/** Default request body limit for bytes(), text() and getMedia(): 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** Options of a ResourceApp. */
export interface ResourceAppOptions {
  /** Largest request body bytes()/text()/getMedia() will read; larger is a 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Hooks around every responder of the app (outermost level). Default: none. */
  hooks?: ResourceHooks;
  /** Extra field converters by name, as with addConverter. Default: none (int, float, uuid, path built in). */
  converters?: Readonly<Record<string, ConverterFactory>>;
  /**
   * Receives every error that becomes a 500 (the client sees no detail of it). Default: writes the
   * stack to the environ's `gateway.errors` stream (the server's error log).
   */
  onError?: (error: unknown, environ: Environ) => void;
}

/** Options of one route: hooks around its responders, and a responder-name suffix. */
export interface RouteOptions extends ResourceHooks {
  /** Responders are `on<Method><suffix>` ("Item" → onGetItem), so one class serves two routes. Default "". */
  suffix?: string;
}

/**
 * The 404 for a path no route matches. No Error object for a plain miss: capturing a stack per 404 would
 * make scanners expensive. Out of the handler so that the handler stays within the optimizer's inlining budget.
 */
function renderNotFound(environ: Environ, startResponse: StartResponse): Body {
  return renderProblemDocument({ type: "about:blank", title: NOT_FOUND_TITLE, status: 404, detail: `no resource at ${environ.PATH_INFO || "/"}` }, [], startResponse);
}

function logToErrorStream(error: unknown, environ: Environ): void {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  environ["gateway.errors"].write(`framework-resources: error in a responder: ${text}\n`);
}

/** Answers with the problem+json response for an error thrown while answering. */
type ErrorRenderer = (error: unknown, environ: Environ, startResponse: StartResponse) => Body;

/**
 * The handler of one app: route, dispatch, render. Everything it needs is a constant of its closure
 * rather than a (private) property of the app: each `this.#x` is a brand-checked keyed load, and the
 * bytecode they took kept the handler, the router, the request and the renderer from all fitting the
 * optimizer's inlining budget together (inlined, the request and response objects of a sync responder
 * that keeps neither are never allocated). Rare paths (404, async, errors) are calls.
 */
function createHandler(router: Router<CompiledResource>, settings: RequestSettings, media: MediaHandlers, renderError: ErrorRenderer): Application {
  return (environ, startResponse) => {
    try {
      const match = router.find(environ.PATH_INFO);
      if (match === undefined) return renderNotFound(environ, startResponse);
      const response = new Response();
      const pending = dispatch(match.target, new Request(environ, match.params, match.template, settings), response, match.params);
      if (pending === undefined) return renderResponse(response, media, environ, startResponse);
      return finishAsync(pending, response, media, environ, startResponse, renderError);
    } catch (error) {
      return renderError(error, environ, startResponse);
    }
  };
}

/** The rest of the handler once an async hook or responder has settled. */
async function finishAsync(pending: Promise<void>, response: Response, media: MediaHandlers, environ: Environ, startResponse: StartResponse, renderError: ErrorRenderer): Promise<Body> {
  try {
    await pending;
    return renderResponse(response, media, environ, startResponse);
  } catch (error) {
    return renderError(error, environ, startResponse);
  }
}

/**
 * A Falcon-style app: resources mounted on URI templates. The gateway Application is the
 * `application` property (a bound function; pass `app.application` to a server or to callApp).
 *
 *     const app = new ResourceApp();
 *     app.addRoute("/things/{id:int}", new ThingResource());
 *     serve(app.application);
 */
export class ResourceApp {
  /** Media handlers: JSON (the default response type) and urlencoded forms built in; `media.set(type, handler)` adds one. */
  readonly media: MediaHandlers = new MediaHandlers().set("application/json", jsonMediaHandler).set("application/x-www-form-urlencoded", formMediaHandler);
  /**
   * The gateway Application of this app (see createHandler). Not async: when the hooks and responder
   * return synchronously the body goes back as a plain array and the writer takes its sync fast path (an
   * async handler cost a promise, a microtask turn and the writer's async path, ~0.35 µs per request).
   */
  readonly application: Application;
  readonly #router = new Router<CompiledResource>();
  readonly #converters = new Map(BUILT_IN_CONVERTERS);
  readonly #settings: RequestSettings;
  readonly #hooks: ResourceHooks | undefined;
  readonly #onError: (error: unknown, environ: Environ) => void;

  /** Creates an app with no routes. */
  constructor(options: ResourceAppOptions = {}) {
    const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) throw new ResourceError("ERR_RESOURCE_INVALID_OPTION", `maxBodyBytes must be a non-negative integer, got ${String(maxBodyBytes)}`);
    this.#settings = { maxBodyBytes, media: this.media };
    this.#hooks = options.hooks;
    this.#onError = options.onError ?? logToErrorStream;
    for (const [name, factory] of Object.entries(options.converters ?? {})) this.addConverter(name, factory);
    const renderError: ErrorRenderer = (error, environ, startResponse) => renderProblem(this.#toHTTPError(error, environ), startResponse);
    const handle = createHandler(this.#router, this.#settings, this.media, renderError);
    // A forwarder, not the handler itself (as in framework-chain): a server's request function that inlines the
    // gateway's runApplication inlines a function this small outright, and the handler, a call of its own then,
    // is optimized with its router, request, responder and renderer inlined instead of competing with the
    // writer for the caller's inlining budget.
    this.application = (environ, startResponse) => handle(environ, startResponse);
  }

  /** Registers a field converter for templates added after this call (`{slug:slug}`); "path" is reserved. */
  addConverter(name: string, factory: ConverterFactory): this {
    if (!/^[A-Za-z_][\w-]*$/.test(name) || name === "path") throw new ResourceError("ERR_RESOURCE_INVALID_OPTION", `converter name must be an identifier other than "path", got ${JSON.stringify(name)}`);
    if (typeof factory !== "function") throw new ResourceError("ERR_RESOURCE_INVALID_OPTION", `converter "${name}" must be a factory function`);
    this.#converters.set(name, factory);
    return this;
  }

  /**
   * Mounts `resource` on a URI template ("/things/{id:int(min=1)}"). The template, the converters, the
   * responders and the hooks are compiled now, so every mistake throws a ResourceError here, at startup.
   */
  addRoute(template: string, resource: Resource, options: RouteOptions = {}): this {
    const compiledTemplate = compileTemplate(template, this.#converters);
    const compiledResource = compileResource(resource, [this.#hooks, options], options.suffix);
    this.#router.add(compiledTemplate, compiledResource);
    return this;
  }

  /** HTTPErrors as they are; a gateway 4xx (e.g. a truncated body) as its status; anything else a logged 500. */
  #toHTTPError(error: unknown, environ: Environ): HTTPError {
    if (HTTPError.isHTTPError(error)) return error;
    const status = statusOfError(error);
    if (status !== undefined && status < 500 && GatewayError.isGatewayError(error)) return new HTTPError(status, { detail: error.message, cause: error });
    this.#onError(error, environ);
    return new HTTPInternalServerError({ cause: error });
  }
}
