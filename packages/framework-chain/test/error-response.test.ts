// Tests for error-response.ts: which response and report an error becomes.
import { createEmptyInputStream, createEnviron, GatewayError } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import { Context } from "../src/context.js";
import { BodyTooLargeError, HttpError } from "../src/errors.js";
import { isExposedError, setErrorResponse } from "../src/error-response.js";

function newContext(): Context {
  return new Context(createEnviron({ method: "GET", target: "/", protocol: "HTTP/1.1", rawHeaders: [], remoteAddress: "127.0.0.1", remotePort: 1, serverName: "localhost", serverPort: 80, input: createEmptyInputStream() }));
}

describe("isExposedError", () => {
  test("an error's own boolean expose wins", () => {
    expect(isExposedError({ expose: true }, 500)).toBe(true);
    expect(isExposedError(new HttpError(400, "x", { expose: false }), 400)).toBe(false);
  });

  test("without expose: only a patchbay error with a 4xx status", () => {
    expect(isExposedError(new GatewayError("ERR_GATEWAY_INPUT_INCOMPLETE", "short body", { status: 400 }), 400)).toBe(true);
    expect(isExposedError(new GatewayError("ERR_X", "boom", { status: 500 }), 500)).toBe(false);
    expect(isExposedError(Object.assign(new Error("x"), { status: 404 }), 404)).toBe(false);
    expect(isExposedError("string", 500)).toBe(false);
  });
});

describe("setErrorResponse", () => {
  test("an exposed error: its status and message as text/plain, not reported", () => {
    const context = newContext();
    context.body = "partial";
    context.set("X-Gone", "1");
    expect(setErrorResponse(context, new BodyTooLargeError(10))).toBe(false);
    expect(context.status).toBe(413);
    expect(context.body).toBe("request body is larger than the limit of 10 bytes");
    expect(context.response.toHeaderList()).toEqual([["Content-Type", "text/plain; charset=utf-8"]]);
  });

  test("anything else: 500 with the reason phrase, reported", () => {
    const context = newContext();
    expect(setErrorResponse(context, new RangeError("internal"))).toBe(true);
    expect(context.status).toBe(500);
    expect(context.body).toBe("Internal Server Error");
  });

  test("a status outside 400–599 on the error is ignored", () => {
    const context = newContext();
    setErrorResponse(context, Object.assign(new Error("x"), { status: 302, expose: true }));
    expect(context.status).toBe(500);
  });

  test("an exposed error with an empty message answers the reason phrase", () => {
    const context = newContext();
    setErrorResponse(context, new HttpError(409, ""));
    expect(context.body).toBe("Conflict");
  });
});
