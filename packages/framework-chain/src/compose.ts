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
 * Stand-ins compose() runs in place of some steps (see setComposedVariant). A WeakMap, not a property on
 * the function, so the step itself stays a plain function; looked up at compose time, never per call.
 */
const composedVariants = new WeakMap<object, Step<never>>();

/**
 * Registers `variant` to run in `step`'s place when `step` is composed. Inside compose() next() is
 * already guarded against a second call, and a sync throw or any return value already becomes the
 * chain's promise, so the variant may hand its next() on unwrapped (the router passes it straight
 * to a one-handler route: one closure and its frame less per request, ~5 ns). Any other caller of
 * `step` keeps its full behaviour.
 */
export function setComposedVariant<Context>(step: Step<Context>, variant: Step<Context>): void {
  composedVariants.set(step, variant as Step<never>);
}

/** The function compose() calls for `step`: its registered variant, else the step itself. */
function composedForm<Context>(step: Step<Context>): Step<Context> {
  return (composedVariants.get(step) as Step<Context> | undefined) ?? step;
}

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
  const list = steps.map(composedForm);
  const length = list.length;
  if (length === 1) return composeOne(list[0] as Step<Context>);
  if (length === 0) return (_context, next) => runOuter(next);
  return (context, next) => runStep(list, 0, context, next);
}

/**
 * Runs step `index` of `steps` with a next() of its own. The closure's frame holds everything a run
 * needs: one frame and one function per step run, where a run object plus both were three. A
 * `called` flag per next() is the whole double-call guard: step i + 1 is only reachable through
 * step i's next(), so "a step after the last one started" (koa-compose's index check) is the same test.
 */
function runStep<Context>(steps: readonly Step<Context>[], index: number, context: Context, next: Next | undefined): Promise<void> {
  let called = false;
  try {
    const result = (steps[index] as Step<Context>)(context, () => {
      if (called) return calledTwice();
      called = true;
      return index + 1 < steps.length ? runStep(steps, index + 1, context, next) : runOuter(next);
    });
    // A sync step returns undefined (or a plain value, or a sync chain's RESOLVED): nothing to wrap.
    return result === undefined ? RESOLVED : settled(result);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A step's result as the chain's promise: a thenable is adopted, anything else is done. */
function settled(result: unknown): Promise<void> {
  if (result === RESOLVED) return RESOLVED;
  return isThenable(result) ? (Promise.resolve(result) as Promise<void>) : RESOLVED;
}

function calledTwice(): Promise<void> {
  return Promise.reject(new NextCalledTwiceError());
}

/** Runs the `next` given to a composed chain, after its last step; a sync throw rejects. */
function runOuter(next: Next | undefined): Promise<void> {
  if (next === undefined) return RESOLVED;
  try {
    return next();
  } catch (error) {
    return Promise.reject(error);
  }
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
      if (result === RESOLVED) return RESOLVED;
      return isThenable(result) ? (Promise.resolve(result) as Promise<void>) : RESOLVED;
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function";
}
