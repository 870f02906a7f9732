/** Composes middleware into one onion-shaped function (koa-compose, hono compose.ts); knows nothing of HTTP. */
import { InvalidOptionError, NextCalledTwiceError } from "./errors.js";

/** Runs the rest of the chain; resolves once everything downstream has finished. */
export type Next = () => Promise<void>;

/** One step of a chain: does its work, optionally awaits `next()`, then does more on the way back up. */
export type Step<Context> = (context: Context, next: Next) => unknown;

/** A composed chain; `next` runs after the last step (default: nothing). */
export type ComposedStep<Context> = (context: Context, next?: Next) => Promise<void>;

/**
 * The promise a composed chain returns when every step finished synchronously. Callers may compare
 * against it by identity to skip a microtask turn (the app then answers in the same call).
 */
export const RESOLVED: Promise<void> = Promise.resolve();

/**
 * Composes `steps` so that each one's `next()` runs the following one, and the last one's `next()`
 * runs the `next` given to the composed function. A step may be sync or async. Calling `next()` twice
 * from one step rejects with ERR_CHAIN_NEXT_CALLED_TWICE; a step that throws rejects the chain.
 *
 * @example
 * const run = compose([async (context, next) => { context.push(1); await next(); context.push(3); },
 *                      (context) => { context.push(2); }]);
 * await run(list); // list is [1, 2, 3]
 */
export function compose<Context>(steps: readonly Step<Context>[]): ComposedStep<Context> {
  for (const step of steps) {
    if (typeof step !== "function") throw new InvalidOptionError(`middleware must be a function, got ${step === null ? "null" : typeof step}`);
  }
  const list = steps.slice();
  const length = list.length;
  if (length === 1) return composeOne(list[0] as Step<Context>);
  return (context, next) => {
    let lastIndex = -1;
    const dispatch = (index: number): Promise<void> => {
      if (index <= lastIndex) return Promise.reject(new NextCalledTwiceError());
      lastIndex = index;
      try {
        if (index < length) {
          const result = (list[index] as Step<Context>)(context, () => dispatch(index + 1));
          // A sync step returns a plain value: no promise needs wrapping, saving one allocation per step.
          return isThenable(result) ? (Promise.resolve(result) as Promise<void>) : RESOLVED;
        }
        return next === undefined ? RESOLVED : next();
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return dispatch(0);
  };
}

/**
 * compose() for one step (a route with one handler, the usual case): the same guard and results as the
 * general loop, with one closure per call instead of two (dispatch and next).
 */
function composeOne<Context>(step: Step<Context>): ComposedStep<Context> {
  return (context, next) => {
    let called = false;
    try {
      const result = step(context, () => {
        if (called) return Promise.reject(new NextCalledTwiceError());
        called = true;
        if (next === undefined) return RESOLVED;
        try {
          return next();
        } catch (error) {
          return Promise.reject(error);
        }
      });
      return isThenable(result) ? (Promise.resolve(result) as Promise<void>) : RESOLVED;
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function";
}
