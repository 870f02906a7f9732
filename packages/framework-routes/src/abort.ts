// abort(): stops a handler or hook with an HTTP error response; it only throws, it never builds the response.
import { HttpError } from "./errors.js";
import type { HttpErrorOptions } from "./errors.js";

/**
 * Throws an HttpError (Flask's `abort`): the app answers with `status` (400..599) and `message`
 * (default: the reason phrase), through any error handler registered for that status.
 */
export function abort(status: number, message?: string, options?: HttpErrorOptions): never {
  throw new HttpError(status, message, options);
}
