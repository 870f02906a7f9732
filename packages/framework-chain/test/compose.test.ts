// Tests for compose.ts: onion order, errors, and the next()-called-twice guard.
import { describe, expect, test } from "vitest";
import { compose, RESOLVED, setComposedVariant, type Next, type Step } from "../src/compose.js";
import { GatewayError } from "@patchbay/gateway";

describe("compose", () => {
  test("runs steps down the chain and back up (the onion)", async () => {
    const order: string[] = [];
    const run = compose<string[]>([
      async (list, next) => {
        list.push("a-down");
        await next();
        list.push("a-up");
      },
      async (list, next) => {
        list.push("b-down");
        await next();
        list.push("b-up");
      },
      (list) => {
        list.push("c");
      },
    ]);
    await run(order);
    expect(order).toEqual(["a-down", "b-down", "c", "b-up", "a-up"]);
  });

  test("the last step's next() runs the next given to the composed chain", async () => {
    const order: string[] = [];
    const run = compose<string[]>([async (list, next) => {
      await next();
      list.push("after outer");
    }]);
    await run(order, async () => {
      order.push("outer");
    });
    expect(order).toEqual(["outer", "after outer"]);
  });

  test("a step that does not call next() stops the chain", async () => {
    const order: string[] = [];
    await compose<string[]>([(list) => list.push("first"), (list) => list.push("never")])(order);
    expect(order).toEqual(["first"]);
  });

  test("next() called twice rejects with ERR_CHAIN_NEXT_CALLED_TWICE", async () => {
    const run = compose<object>([async (_context, next) => {
      await next();
      await next();
    }]);
    const error = await run({}).then(() => undefined, (reason: unknown) => reason);
    expect(GatewayError.isGatewayError(error)).toBe(true);
    expect((error as GatewayError).code).toBe("ERR_CHAIN_NEXT_CALLED_TWICE");
  });

  test("in a longer chain, any step's second next() rejects, and only that call", async () => {
    for (const twiceAt of [0, 1, 2]) {
      const reached: number[] = [];
      const steps = [0, 1, 2].map((index): Step<number[]> => async (list, next) => {
        list.push(index);
        await next();
        if (index === twiceAt) await next();
      });
      const error = await compose(steps)(reached).then(() => undefined, (reason: unknown) => reason);
      expect((error as GatewayError).code).toBe("ERR_CHAIN_NEXT_CALLED_TWICE");
      expect(reached).toEqual([0, 1, 2]);
    }
  });

  test("a sync throw and an async rejection both reject the chain, and upstream can catch them", async () => {
    const syncFailure = compose<object>([() => {
      throw new Error("sync");
    }]);
    await expect(syncFailure({})).rejects.toThrow("sync");
    const caught: string[] = [];
    const run = compose<object>([
      async (_context, next) => {
        try {
          await next();
        } catch (error) {
          caught.push((error as Error).message);
        }
      },
      async () => {
        throw new Error("async");
      },
    ]);
    await run({});
    expect(caught).toEqual(["async"]);
  });

  test("an empty chain resolves and still runs the outer next", async () => {
    let ran = false;
    await compose<object>([])({}, async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });

  test("one step and several behave alike: an outer next() that throws rejects; sync steps settle at once", async () => {
    const throwingNext = (): Promise<void> => {
      throw new Error("outer");
    };
    for (const steps of [[(_context: object, next: Next) => next()], [(_context: object, next: Next) => next(), (_context: object, next: Next) => next()]]) {
      const run = compose<object>(steps);
      await expect(run({}, throwingNext)).rejects.toThrow("outer");
      expect(run({})).toBe(RESOLVED);
    }
  });

  test("refuses a step that is not a function", () => {
    expect(() => compose([42 as unknown as Step<object>])).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
  });

  test("is reusable: each run has its own next() bookkeeping", async () => {
    const run = compose<{ count: number }>([async (context, next) => {
      context.count++;
      await next();
    }]);
    const first = { count: 0 };
    const second = { count: 0 };
    await Promise.all([run(first), run(second)]);
    expect([first.count, second.count]).toEqual([1, 1]);
  });

  test("runs a step's composed variant in its place; the step itself is unchanged for other callers", async () => {
    const step: Step<string[]> = (list) => list.push("step");
    setComposedVariant<string[]>(step, (list, next) => {
      list.push("variant");
      return next();
    });
    const order: string[] = [];
    for (const steps of [[step], [step, (list: string[]) => list.push("after")]]) await compose(steps)(order);
    step(order, () => RESOLVED);
    expect(order).toEqual(["variant", "variant", "after", "step"]);
  });
});
