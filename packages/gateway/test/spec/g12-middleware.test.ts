// SPEC.md G-12: middleware is a server to the app it wraps and an app to its server.
import { describe, expect, test } from "vitest";
import type { Application, Body, Chunk, Middleware } from "../../src/types.js";
import { validate } from "../../src/validate/validate.js";
import { createCollector, rulesOf, runValidated, textApp } from "./run-validated.js";

/** Upper-cases the body; `forwardClose` decides whether it keeps its duty to close the inner body. */
function upperCase(forwardClose: boolean): Middleware {
  return (app) => async (environ, startResponse) => {
    const inner = await app(environ, startResponse);
    async function* transformed(): AsyncGenerator<Chunk> {
      for await (const chunk of inner as AsyncIterable<Chunk>) yield typeof chunk === "string" ? chunk.toUpperCase() : chunk;
    }
    const body: Body = Object.assign(transformed(), { close: () => (forwardClose ? inner.close?.() : undefined) });
    return body;
  };
}

function streamed(text: string): Application {
  return (_environ, startResponse) => {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return (async function* () {
      yield text;
    })();
  };
}

describe("G-12 middleware", () => {
  test("G-12.1: a middleware keeps every server duty towards the app it wraps (validated on both sides)", async () => {
    const inner = createCollector();
    const good = await runValidated(upperCase(true)(validate(streamed("shout"), inner.options)));
    expect(good.text).toBe("SHOUT");
    expect(rulesOf(good)).toEqual([]);
    expect(rulesOf(inner)).toEqual([]);
    const leaking = createCollector();
    const bad = await runValidated(upperCase(false)(validate(streamed("shout"), leaking.options)));
    expect(bad.text).toBe("SHOUT");
    // runValidated ends with assertBodyClosed: the outer validator sees a correct server; the inner one sees the middleware never close its body.
    expect(rulesOf(bad)).toEqual([]);
    expect(rulesOf(leaking, "server")).toEqual(["G-7.2"]);
    expect(rulesOf(await runValidated(upperCase(true)(textApp("array body"))))).toEqual([]);
  });
});
