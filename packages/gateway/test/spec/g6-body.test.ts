// SPEC.md G-6: what the application returns and yields.
import { describe, expect, test } from "vitest";
import { callApp } from "../../src/call-app.js";
import type { Application, Body, Environ, HeaderList, StartResponse } from "../../src/types.js";
import { validate } from "../../src/validate/validate.js";
import { respondWith, rulesOf, runValidated } from "./run-validated.js";

const TEXT: HeaderList = [["Content-Type", "text/plain"]];

function returning(body: unknown, status = "200 OK", headers: HeaderList = TEXT): Application {
  return (_environ, startResponse) => {
    startResponse(status, headers);
    return body as Body;
  };
}

describe("G-6 body", () => {
  test("G-6.1: the body is an iterable or async iterable, never a bare string, bytes or null", async () => {
    async function* stream() {
      yield "async";
    }
    expect(rulesOf(await runValidated(returning(new Set(["a"]))))).toEqual([]);
    expect(rulesOf(await runValidated(returning(stream())))).toEqual([]);
    const promised: Application = async (_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return ["promised"];
    };
    expect((await runValidated(promised)).text).toBe("promised");
    expect(rulesOf(await runValidated(returning("hello")))).toEqual(["G-6.1"]);
    expect(rulesOf(await runValidated(returning(Buffer.from("hello"))))).toEqual(["G-6.1"]);
    // Thrown by default, so the server answers 500 without ever seeing the non-body.
    const strict = await callApp(validate(returning(null)));
    expect(strict.status).toBe(500);
    expect(String(strict.errors[0])).toMatch(/G-6\.1: the application must return an iterable/);
  });

  test("G-6.2: every chunk is a Uint8Array or a string", async () => {
    const valid = await runValidated(returning(["text ", Buffer.from("bytes"), new Uint8Array([33])]));
    expect(valid.text).toBe("text bytes!");
    expect(rulesOf(valid)).toEqual([]);
    expect(rulesOf(await runValidated(returning(["ok", 42])))).toEqual(["G-6.2"]);
    expect(rulesOf(await runValidated(returning(new Set([{ text: "x" }]))))).toEqual(["G-6.2"]);
  });

  test("G-6.3: startResponse is called before the first non-empty chunk (lazily is fine)", async () => {
    const lazy: Application = function* (_environ: Environ, startResponse: StartResponse) {
      yield "";
      startResponse("200 OK", TEXT);
      yield "lazy";
    } as unknown as Application;
    const valid = await runValidated(lazy);
    expect(valid.text).toBe("lazy");
    expect(rulesOf(valid)).toEqual([]);
    const early: Application = function* (_environ: Environ, startResponse: StartResponse) {
      yield "too early";
      startResponse("200 OK", TEXT);
    } as unknown as Application;
    expect(rulesOf(await runValidated(early), "application")).toContain("G-6.3");
    const never: Application = () => [];
    const run = await runValidated(never);
    expect(rulesOf(run)).toEqual(["G-6.3"]);
    expect(run.sink.head?.status).toBe(500);
  });

  test("G-6.4: a 204 or 304 response produces no body bytes", async () => {
    expect(rulesOf(await runValidated(returning(["", ""], "204 No Content", [])))).toEqual([]);
    expect(rulesOf(await runValidated(returning([], "304 Not Modified", [["ETag", '"1"']])))).toEqual([]);
    expect(rulesOf(await runValidated(returning(["gone"], "204 No Content", [])))).toEqual(["G-6.4"]);
    expect(rulesOf(await runValidated(returning(["same"], "304 Not Modified", [])))).toEqual(["G-6.4"]);
  });

  test("G-6.5: with Content-Length the application produces exactly that many bytes (none allowed for HEAD and 304)", async () => {
    const sized: HeaderList = [["Content-Type", "text/plain"], ["Content-Length", "5"]];
    expect(rulesOf(await runValidated(returning(["hel", "lo"], "200 OK", sized)))).toEqual([]);
    expect(rulesOf(await runValidated(returning([], "200 OK", sized), { method: "HEAD" }))).toEqual([]);
    const over = await runValidated(returning(new Set(["hello", "!"]), "200 OK", sized));
    expect(rulesOf(over, "application")).toEqual(["G-6.5"]);
    expect(over.violations[0]?.message).toMatch(/more than its Content-Length of 5/);
    const under = await runValidated(returning(new Set(["hell"]), "200 OK", sized));
    expect(rulesOf(under, "application")).toEqual(["G-6.5"]);
    expect(under.violations[0]?.message).toMatch(/fewer than its Content-Length of 5/);
  });

  test("G-6.6: a response with a body SHOULD carry Content-Type (a warning, not a violation)", async () => {
    const valid = await runValidated(returning(["typed"]));
    expect(valid.warnings).toEqual([]);
    const untyped = await runValidated(respondWith("200 OK", [], ["untyped"]));
    expect(rulesOf(untyped)).toEqual([]);
    expect(untyped.warnings).toEqual([expect.stringMatching(/^G-6\.6: /)]);
    expect(untyped.text).toBe("untyped");
  });
});
