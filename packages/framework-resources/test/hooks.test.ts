import { expect, test } from "vitest";
import { NO_HOOKS, resolveHooks } from "../src/hooks.js";
import type { Hook, ResourceHooks } from "../src/hooks.js";

function named(name: string): Hook {
  const hook: Hook = () => {};
  Object.defineProperty(hook, "name", { value: name });
  return hook;
}

const names = (hooks: readonly Hook[]) => hooks.map((hook) => hook.name);

test("before-hooks run outside-in, after-hooks inside-out, per-method hooks nested inside their level", () => {
  const outer: ResourceHooks = { before: [named("outer1"), named("outer2")], after: [named("outerAfter")], methods: { GET: { before: [named("outerGet")], after: [named("outerGetAfter")] } } };
  const inner: ResourceHooks = { before: [named("inner")], after: [named("innerAfter1"), named("innerAfter2")] };
  const resolved = resolveHooks([outer, undefined, inner], "GET");
  expect(names(resolved.before)).toEqual(["outer1", "outer2", "outerGet", "inner"]);
  expect(names(resolved.after)).toEqual(["innerAfter1", "innerAfter2", "outerGetAfter", "outerAfter"]);
});

test("per-method hooks apply only to their method", () => {
  const level: ResourceHooks = { methods: { POST: { before: [named("validate")] } } };
  expect(names(resolveHooks([level], "POST").before)).toEqual(["validate"]);
  expect(resolveHooks([level], "GET")).toBe(NO_HOOKS);
});

test("no hooks at all share one frozen empty set", () => {
  expect(resolveHooks([undefined, {}], "GET")).toBe(NO_HOOKS);
  expect(Object.isFrozen(NO_HOOKS.before)).toBe(true);
});
