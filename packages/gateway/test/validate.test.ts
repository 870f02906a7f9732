// The validator's own behaviour: its reporting channels, its options, and that it leaves valid
// traffic unchanged (shape of the body, bytes, headers).
import { describe, expect, test } from "vitest";
import { callApp } from "../src/call-app.js";
import { GatewayError } from "../src/errors.js";
import { fileWrapper, isFileBody } from "../src/file-wrapper.js";
import type { Application, Body, HeaderList } from "../src/types.js";
import { assertBodyClosed } from "../src/validate/assert-body-closed.js";
import { validate } from "../src/validate/validate.js";
import { ValidationError } from "../src/validate/validation-error.js";
import { createCollector, createLogStream, makeEnviron, rulesOf } from "./spec/run-validated.js";

const TEXT: HeaderList = [["Content-Type", "text/plain"]];
const badHeader: Application = (_environ, startResponse) => {
  startResponse("200 OK", [["X-Bad\r\n", "x"]]);
  return ["x"];
};

describe("validate", () => {
  test("a ValidationError is a GatewayError with code, status, rule and side", () => {
    const error = new ValidationError("G-4.3", "application", "header name contains CR or LF: \"x\"");
    expect(GatewayError.isGatewayError(error)).toBe(true);
    expect(error).toMatchObject({ name: "ValidationError", code: "ERR_GATEWAY_VALIDATION", status: 500, rule: "G-4.3", side: "application" });
    expect(error.message).toBe('G-4.3: header name contains CR or LF: "x"');
  });

  test("by default a violation is thrown into the application and the server answers 500", async () => {
    const result = await callApp(validate(badHeader), { environ: { "gateway.errors": createLogStream([]) } });
    expect(result.status).toBe(500);
    const error = result.errors[0] as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.rule).toBe("G-4.3");
    expect(error.message).toMatch(/^G-4\.3: header name contains CR or LF: /);
  });

  test("every violation is also logged on the server's gateway.errors", async () => {
    const log: string[] = [];
    await callApp(validate(badHeader), { environ: { "gateway.errors": createLogStream(log) } });
    expect(log).toEqual([expect.stringMatching(/^patchbay validate: application violation: G-4\.3: header name contains CR or LF: .*\n$/)]);
  });

  test("logToErrorStream: false keeps gateway.errors clean", async () => {
    const log: string[] = [];
    const collected = createCollector();
    await callApp(validate(badHeader, { ...collected.options, logToErrorStream: false }), { environ: { "gateway.errors": createLogStream(log) } });
    expect(log).toEqual([]);
    expect(rulesOf(collected)).toEqual(["G-4.3"]);
  });

  test("a non-throwing onViolation lets the request go on unchanged and collects every violation", async () => {
    const collected = createCollector();
    const twoProblems: Application = (_environ, startResponse) => {
      startResponse("200 OK", [["Status", "200"], ["X-Price", "5 €"]]);
      return ["x"];
    };
    const result = await callApp(validate(twoProblems, collected.options), { environ: { "gateway.errors": createLogStream([]) } });
    expect(rulesOf(collected)).toEqual(["G-4.8", "G-4.6"]);
    // The writer then refuses the non-ByteString value itself.
    expect(result.status).toBe(500);
  });

  test("warnings go to onWarning and the log, never thrown", async () => {
    const log: string[] = [];
    const warnings: string[] = [];
    const untyped: Application = (_environ, startResponse) => {
      startResponse("200 OK", []);
      return ["no type"];
    };
    const result = await callApp(validate(untyped, { onWarning: (message) => warnings.push(message) }), { environ: { "gateway.errors": createLogStream(log) } });
    expect(result.text).toBe("no type");
    expect(warnings).toEqual([expect.stringMatching(/^G-6\.6: /)]);
    expect(log).toEqual([expect.stringMatching(/^patchbay validate: warning: G-6\.6: /)]);
  });

  test("a valid response passes through byte for byte, with the same framing", async () => {
    const app: Application = (_environ, startResponse) => {
      startResponse("200 OK", [...TEXT, ["X-Trace", "1"]]);
      return ["hello ", Buffer.from("world")];
    };
    const plain = await callApp(app);
    const validated = await callApp(validate(app));
    expect(validated.text).toBe(plain.text);
    expect(validated.header("content-length")).toBe("11");
    expect(validated.headers.filter(([name]) => name !== "Date")).toEqual(plain.headers.filter(([name]) => name !== "Date"));
  });

  test("the body keeps its shape: an array stays an array, a file body stays a file body", () => {
    const environ = makeEnviron();
    const arrayBody = validate(((_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return ["a", "b"];
    }) as Application)(environ, () => () => {}) as Body;
    expect(Array.isArray(arrayBody)).toBe(true);
    expect([...(arrayBody as string[])]).toEqual(["a", "b"]);
    const fileBody = validate(((_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return fileWrapper("/nonexistent", { start: 2, end: 9 });
    }) as Application)(makeEnviron(), () => () => {}) as Body;
    expect(isFileBody(fileBody)).toBe(true);
    expect(fileBody).toMatchObject({ filePath: "/nonexistent", start: 2, end: 9 });
  });

  test("a sync iterable body stays sync and its close() is forwarded once", () => {
    let closes = 0;
    const collected = createCollector();
    const environ = makeEnviron();
    const body = validate(((_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return Object.assign(new Set(["a", "b"]), { close: () => void closes++ });
    }) as Application, collected.options)(environ, () => () => {}) as Body & Iterable<string>;
    expect(typeof (body as Partial<AsyncIterable<string>>)[Symbol.asyncIterator]).toBe("undefined");
    expect([...body]).toEqual(["a", "b"]);
    void body.close?.();
    assertBodyClosed(environ);
    expect(closes).toBe(1);
    expect(rulesOf(collected)).toEqual([]);
  });

  test("assertBodyClosed throws by default when the server never closed the body", () => {
    const environ = makeEnviron();
    void validate(((_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return ["x"];
    }) as Application)(environ, () => () => {});
    expect(() => assertBodyClosed(environ)).toThrowError(/^G-7\.2: the server finished with the request but never called close\(\)/);
    expect(() => assertBodyClosed(makeEnviron())).not.toThrow();
  });
});
