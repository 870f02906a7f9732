// SPEC.md G-1: the application and the call.
import { describe, expect, test } from "vitest";
import type { Application, Environ, StartResponse } from "../../src/types.js";
import { validate } from "../../src/validate/validate.js";
import { ValidationError } from "../../src/validate/validation-error.js";
import { createCollector, makeEnviron, rulesOf, runValidated, textApp } from "./run-validated.js";

const noStart: StartResponse = () => () => {};

describe("G-1 roles", () => {
  test("G-1.1: an application is a function (environ, startResponse)", async () => {
    expect(rulesOf(await runValidated(textApp("hi")))).toEqual([]);
    const notAnApp = { handle: () => [] } as unknown as Application;
    expect(() => validate(notAnApp)).toThrowError(ValidationError);
    expect(() => validate(notAnApp)).toThrowError(/^G-1\.1: an application must be a function/);
  });

  test("G-1.2: the server calls the application with (environ object, startResponse function)", () => {
    const collected = createCollector();
    const app = validate(textApp("hi"), collected.options) as unknown as (...args: unknown[]) => unknown;
    app(makeEnviron(), noStart);
    expect(rulesOf(collected)).toEqual([]);
    expect(() => app(makeEnviron())).toThrowError(TypeError);
    expect(rulesOf(collected)[0]).toBe("G-1.2");
    const strict = validate(textApp("hi")) as unknown as (...args: unknown[]) => unknown;
    expect(() => strict(null, noStart)).toThrowError(/^G-1\.2: /);
    expect(() => strict(makeEnviron(), noStart, "extra")).toThrowError(/^G-1\.2: /);
  });

  test("G-1.3: each call gets its own environ object", () => {
    const collected = createCollector();
    const app = validate(textApp("hi"), collected.options);
    void app(makeEnviron(), noStart);
    void app(makeEnviron(), noStart);
    expect(rulesOf(collected)).toEqual([]);
    const reused: Environ = makeEnviron();
    void app(reused, noStart);
    void app(reused, noStart);
    expect(rulesOf(collected)).toEqual(["G-1.3"]);
    expect(collected.violations[0]?.side).toBe("server");
  });
});
