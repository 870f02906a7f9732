// The error handlers an app registered, by status and by error class, and which one an error goes to; it runs none.
import { isExpectedError } from "./error-response.js";
import { HttpError, RouteError } from "./errors.js";
import type { RouteRequest } from "./route-request.js";
import type { RouteResult } from "./to-route-response.js";

/** Handles an error raised while answering `request`; what it returns becomes the response. */
export type ErrorHandler<ErrorType = unknown> = (error: ErrorType, request: RouteRequest) => RouteResult | Promise<RouteResult>;

/** A class of errors (any constructor), for `app.errorHandler(SomeError, handler)`. */
export type ErrorClass<ErrorType> = abstract new (...args: never[]) => ErrorType;

/** Which handler an error goes to, and the value that handler receives. */
export interface ErrorHandlerChoice {
  readonly handler: ErrorHandler;
  readonly error: unknown;
}

/**
 * Error handlers by status and by class. An error with its own status (abort(), a 4xx RouteError) goes to its
 * status's handler first, then to the nearest registered class on its prototype chain; any other error goes
 * to its class first, then to the 500 handler (Flask's order).
 */
export class ErrorHandlers {
  readonly #byStatus = new Map<number, ErrorHandler<HttpError>>();
  readonly #byClass = new Map<object, ErrorHandler>();

  /** Registers the handler for `status` (400..599), replacing any earlier one. */
  addStatus(status: number, handler: ErrorHandler<HttpError>): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RouteError("ERR_ROUTE_INVALID_OPTION", `an error handler status must be an integer 400..599, got ${String(status)}`);
    }
    this.#byStatus.set(status, handler);
  }

  /** Registers the handler for errors of `errorClass` and its subclasses, replacing any earlier one. */
  addClass<ErrorType>(errorClass: ErrorClass<ErrorType>, handler: ErrorHandler<ErrorType>): void {
    if (typeof errorClass !== "function") throw new RouteError("ERR_ROUTE_INVALID_OPTION", "errorHandler() takes a status number or an error class");
    this.#byClass.set(errorClass, handler as ErrorHandler);
  }

  /** True when no handler is registered (the app then skips the lookup). */
  get isEmpty(): boolean {
    return this.#byStatus.size === 0 && this.#byClass.size === 0;
  }

  /** The handler for `error` answering with `status`, or undefined for the default response. */
  find(error: unknown, status: number, hasOwnStatus: boolean): ErrorHandlerChoice | undefined {
    if (hasOwnStatus) return this.#forStatus(error, status) ?? this.#forClass(error);
    return this.#forClass(error) ?? this.#forStatus(error, status);
  }

  #forStatus(error: unknown, status: number): ErrorHandlerChoice | undefined {
    const handler = this.#byStatus.get(status);
    if (handler === undefined) return undefined;
    // Status handlers always see an HttpError; any other error rides along as its cause.
    const httpError = error instanceof HttpError ? error : new HttpError(status, isExpectedError(error) ? (error as Error).message : undefined, { cause: error });
    return { handler: handler as ErrorHandler, error: httpError };
  }

  #forClass(error: unknown): ErrorHandlerChoice | undefined {
    if (this.#byClass.size === 0 || typeof error !== "object" || error === null) return undefined;
    for (let prototype: unknown = Object.getPrototypeOf(error); prototype !== null; prototype = Object.getPrototypeOf(prototype)) {
      const handler = this.#byClass.get((prototype as { constructor: object }).constructor);
      if (handler !== undefined) return { handler, error };
    }
    return undefined;
  }
}
