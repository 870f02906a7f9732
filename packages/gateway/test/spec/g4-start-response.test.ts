// SPEC.md G-4: startResponse. Application-side rules through validate(); server-side ones against the
// real writer (holds) and hand-written broken servers (fails).
import { describe, expect, test } from "vitest";
import type { Application, Environ, HeaderList, StartResponse, Write } from "../../src/types.js";
import { validate } from "../../src/validate/validate.js";
import { ValidationError } from "../../src/validate/validation-error.js";
import { createCollector, makeEnviron, respondWith, rulesOf, runValidated } from "./run-validated.js";

const TEXT: HeaderList = [["Content-Type", "text/plain"]];

/** Runs an app whose startResponse call is given, and returns the rules that fired. */
async function rulesFor(status: string, headers: HeaderList, side: "application" | "server" = "application"): Promise<string[]> {
  return rulesOf(await runValidated(respondWith(status, headers, ["x"])), side);
}

/** A broken server's startResponse, for the server-side rules. */
function runWithServerStartResponse(app: Application, serverStartResponse: StartResponse) {
  const collected = createCollector();
  const environ = makeEnviron({}, collected.log);
  const body = validate(app, collected.options)(environ, serverStartResponse);
  return { collected, body };
}

describe("G-4 startResponse", () => {
  test("G-4.1: status is three digits (200–599), one space and a reason phrase", async () => {
    expect(await rulesFor("201 Created", TEXT)).toEqual([]);
    expect(await rulesFor("299 ", TEXT)).toEqual([]);
    expect(await rulesFor("200OK", TEXT)).toEqual(["G-4.1"]);
    expect(await rulesFor("20 OK", TEXT)).toEqual(["G-4.1"]);
    expect(await rulesFor("600 Beyond", TEXT)).toEqual(["G-4.1"]);
    const strict = await runValidated(respondWith("abc", TEXT));
    expect(strict.violations[0]?.message).toMatch(/^G-4\.1: status must be three digits/);
  });

  test("G-4.2: no 1xx status through startResponse", async () => {
    expect(await rulesFor("200 OK", TEXT)).toEqual([]);
    expect(await rulesFor("103 Early Hints", TEXT)).toEqual(["G-4.2"]);
  });

  test("G-4.3: no CR or LF in the status, header names or values", async () => {
    expect(await rulesFor("200 OK", [["X-Note", "a\tb"]])).toEqual([]);
    expect(await rulesFor("200 OK\r\nX-Evil: 1", TEXT)).toEqual(["G-4.3"]);
    expect(await rulesFor("200 OK", [["X-A\r\nSet-Cookie", "x"]])).toEqual(["G-4.3"]);
    expect(await rulesFor("200 OK", [["X-A", "x\nSet-Cookie: y"]])).toEqual(["G-4.3"]);
    // The default channel throws into the application, with the rule first in the message.
    const app = validate(respondWith("200 OK", [["X-A\nB", "x"]]));
    expect(() => app(makeEnviron(), () => () => {})).toThrowError(/^G-4\.3: header name contains CR or LF: /);
  });

  test("G-4.4: headers is an array of [name, value] string pairs", async () => {
    expect(await rulesFor("200 OK", [["A", "1"], ["B", "2"]])).toEqual([]);
    expect(await rulesFor("200 OK", { "Content-Type": "text/plain" } as unknown as HeaderList)).toEqual(["G-4.4"]);
    expect(await rulesFor("200 OK", [["Content-Type"]] as unknown as HeaderList)).toEqual(["G-4.4"]);
    expect(await rulesFor("200 OK", [["Content-Length", 5]] as unknown as HeaderList)).toEqual(["G-4.4"]);
  });

  test("G-4.5: header names are tokens", async () => {
    expect(await rulesFor("200 OK", [["X-Custom_Header.1", "v"]])).toEqual([]);
    expect(await rulesFor("200 OK", [["X Custom", "v"]])).toEqual(["G-4.5"]);
    expect(await rulesFor("200 OK", [["X:Custom", "v"]])).toEqual(["G-4.5"]);
  });

  test("G-4.6: header values are ByteStrings (no NUL or control characters, nothing above U+00FF)", async () => {
    expect(await rulesFor("200 OK", [["X-Name", "café"]])).toEqual([]);
    expect(await rulesFor("200 OK", [["X-Price", "5 €"]])).toEqual(["G-4.6"]);
    expect(await rulesFor("200 OK", [["X-Nul", "a\u0000b"]])).toEqual(["G-4.6"]);
  });

  test("G-4.7: no hop-by-hop headers; the error names the header", async () => {
    expect(await rulesFor("200 OK", [["Cache-Control", "no-store"]])).toEqual([]);
    const run = await runValidated(respondWith("200 OK", [["Transfer-Encoding", "chunked"]], ["x"]));
    expect(rulesOf(run)).toEqual(["G-4.7"]);
    expect(run.violations[0]?.message).toMatch(/^G-4\.7: .*Transfer-Encoding/);
    // The real writer refuses it too, naming the header, and answers 500.
    const writerOnly = await runValidated(respondWith("200 OK", [["Connection", "close"]], ["x"]));
    expect(writerOnly.sink.head?.status).toBe(500);
    expect(String(writerOnly.writerErrors[0])).toMatch(/Connection/);
  });

  test("G-4.8: no Status header", async () => {
    expect(await rulesFor("404 Not Found", TEXT)).toEqual([]);
    expect(await rulesFor("200 OK", [["Status", "404 Not Found"]])).toEqual(["G-4.8"]);
  });

  test("G-4.9: Content-Length at most once, decimal digits", async () => {
    expect(await rulesFor("200 OK", [["Content-Length", "1"]])).toEqual([]);
    expect(await rulesFor("200 OK", [["Content-Length", "1 "]])).toEqual(["G-4.9"]);
    expect(await rulesFor("200 OK", [["Content-Length", "1"], ["content-length", "1"]])).toEqual(["G-4.9"]);
  });

  test("G-4.10: a second call needs excInfo", async () => {
    const replaced: Application = (_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      startResponse("500 Internal Server Error", TEXT, new Error("caught"));
      return ["failed"];
    };
    const valid = await runValidated(replaced);
    expect(rulesOf(valid)).toEqual([]);
    expect(valid.sink.head?.status).toBe(500);
    const twice: Application = (_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      startResponse("404 Not Found", TEXT);
      return ["x"];
    };
    const invalid = await runValidated(twice);
    expect(rulesOf(invalid)).toEqual(["G-4.10"]);
    // The real writer refuses the second call as well.
    expect(invalid.writerErrors.some((error) => (error as { code?: string }).code === "ERR_GATEWAY_START_RESPONSE_TWICE")).toBe(true);
  });

  test("G-4.11: with excInfo before the head is sent, the new status and headers replace the old", async () => {
    const app: Application = async function* (_environ: Environ, startResponse: StartResponse) {
      startResponse("200 OK", [["Content-Type", "text/html"], ["X-First", "1"]]);
      yield "";
      startResponse("503 Service Unavailable", TEXT, new Error("backend down"));
      yield "later";
    } as unknown as Application;
    const valid = await runValidated(app);
    expect(rulesOf(valid)).toEqual([]);
    expect(valid.sink.head?.status).toBe(503);
    expect(valid.header("x-first")).toBeUndefined();
    expect(valid.text).toBe("later");
    // A broken server refuses the replacement although nothing was sent.
    let calls = 0;
    const refusing: StartResponse = () => {
      calls++;
      if (calls > 1) throw new Error("already started");
      return () => {};
    };
    const { collected } = runWithServerStartResponse((_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      try {
        startResponse("500 Internal Server Error", TEXT, new Error("x"));
      } catch {
        // the application cannot do more
      }
      return [];
    }, refusing);
    expect(rulesOf(collected, "server")).toEqual(["G-4.11"]);
  });

  test("G-4.12: with excInfo after the head is sent, startResponse re-throws excInfo", async () => {
    const failure = new Error("mid-stream failure");
    let caught: unknown;
    const app: Application = async function* (_environ: Environ, startResponse: StartResponse) {
      startResponse("200 OK", TEXT);
      yield "part one";
      try {
        startResponse("500 Internal Server Error", TEXT, failure);
      } catch (error) {
        caught = error;
      }
    } as unknown as Application;
    const valid = await runValidated(app);
    expect(caught).toBe(failure);
    expect(rulesOf(valid)).toEqual([]);
    // A broken server accepts the late replacement silently.
    const { collected, body } = runWithServerStartResponse(app, () => () => {});
    for await (const chunk of body as AsyncIterable<unknown>) void chunk;
    expect(rulesOf(collected, "server")).toEqual(["G-4.12"]);
  });

  test("G-4.13: startResponse accepts every valid call and returns write()", async () => {
    const app = respondWith("200 OK", TEXT, ["x"]);
    const valid = await runValidated(app);
    expect(rulesOf(valid)).toEqual([]);
    const { collected } = runWithServerStartResponse(app, (() => undefined) as unknown as StartResponse);
    expect(rulesOf(collected, "server")).toEqual(["G-4.13"]);
    const strict = validate(app);
    expect(() => strict(makeEnviron(), (() => "nope") as unknown as StartResponse)).toThrowError(ValidationError);
    const refusing: StartResponse = (): Write => {
      throw new Error("no");
    };
    const collector = createCollector();
    expect(() => validate(app, collector.options)(makeEnviron(), refusing)).toThrowError("no");
    expect(rulesOf(collector, "server")).toEqual(["G-4.13"]);
  });
});
