// A base class whose instances are functions, so an app object is itself a gateway Application; no routing.
import type { Application, Body, Environ, StartResponse } from "@patchbay/gateway";

/** The method a CallableApplication subclass implements; calling the instance calls it. */
export const HANDLE_REQUEST: unique symbol = Symbol("patchbay.routes.handleRequest");

interface HandlesRequests {
  [HANDLE_REQUEST](environ: Environ, startResponse: StartResponse): Body | Promise<Body>;
}

class CallableApplicationBase {
  constructor() {
    // The constructor returns a function instead of `this`; subclass fields (private ones included) are then
    // installed on that function, and its prototype makes it an instance of the subclass.
    // The subclass's method, looked up once here rather than through the symbol key on every request.
    const handle = (new.target.prototype as HandlesRequests)[HANDLE_REQUEST];
    const application = (environ: Environ, startResponse: StartResponse): Body | Promise<Body> => handle.call(application as unknown as HandlesRequests, environ, startResponse);
    return Object.setPrototypeOf(application, new.target.prototype) as CallableApplicationBase;
  }
}

// Instances are functions, so they keep call(), apply() and bind() for code that invokes apps that way.
Object.setPrototypeOf(CallableApplicationBase.prototype, Function.prototype);

/**
 * Extend this to make instances callable as `Application`s: `new RouteApp()` can be handed straight to a
 * server, `callApp`, `validate` or `mount`. The subclass defines `[HANDLE_REQUEST]`.
 */
export const CallableApplication: abstract new () => Application = CallableApplicationBase as unknown as abstract new () => Application;
