// Tests for errors.ts: codes, statuses, expose, and that the README documents every code.
import { readFileSync } from "node:fs";
import { GatewayError, statusOfError } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import {
  BodyTooLargeError,
  HttpError,
  InvalidBodyError,
  InvalidHeaderError,
  InvalidOptionError,
  InvalidRouteError,
  InvalidStatusError,
  MalformedBodyError,
  NextCalledTwiceError,
  UnsupportedMediaTypeError,
  type ChainError,
  type ChainErrorCode,
} from "../src/errors.js";

/** One instance of every error class, with the code and status it must carry. */
const CASES: [ChainError, ChainErrorCode, number | undefined, string][] = [
  [new HttpError(418, "teapot"), "ERR_CHAIN_HTTP", 418, "HttpError"],
  [new NextCalledTwiceError(), "ERR_CHAIN_NEXT_CALLED_TWICE", undefined, "NextCalledTwiceError"],
  [new InvalidOptionError("x"), "ERR_CHAIN_INVALID_OPTION", undefined, "InvalidOptionError"],
  [new InvalidRouteError("x"), "ERR_CHAIN_INVALID_ROUTE", undefined, "InvalidRouteError"],
  [new InvalidHeaderError("x"), "ERR_CHAIN_INVALID_HEADER", undefined, "InvalidHeaderError"],
  [new InvalidStatusError("x"), "ERR_CHAIN_INVALID_STATUS", undefined, "InvalidStatusError"],
  [new InvalidBodyError("x"), "ERR_CHAIN_INVALID_BODY", undefined, "InvalidBodyError"],
  [new BodyTooLargeError(1), "ERR_CHAIN_BODY_TOO_LARGE", 413, "BodyTooLargeError"],
  [new MalformedBodyError("x"), "ERR_CHAIN_MALFORMED_BODY", 400, "MalformedBodyError"],
  [new UnsupportedMediaTypeError("x"), "ERR_CHAIN_UNSUPPORTED_MEDIA_TYPE", 415, "UnsupportedMediaTypeError"],
];

describe("chain errors", () => {
  test.each(CASES)("%s carries its code, status and name", (error, code, status, name) => {
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.name).toBe(name);
    expect(GatewayError.isGatewayError(error)).toBe(true);
    expect(statusOfError(error)).toBe(status);
  });

  test("codes are unique and follow ERR_CHAIN_<PROBLEM>", () => {
    const codes = CASES.map(([, code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^ERR_CHAIN_[A-Z_]+$/);
  });

  test("4xx errors are exposed to the client, the rest are not", () => {
    for (const [error, , status] of CASES) expect(error.expose).toBe(status !== undefined && status < 500);
    expect(new HttpError(503, "x").expose).toBe(false);
    expect(new HttpError(400, "x", { expose: false }).expose).toBe(false);
  });

  test("HttpError keeps headers and cause", () => {
    const cause = new Error("root");
    const error = new HttpError(401, "who are you", { headers: { "WWW-Authenticate": "Bearer" }, cause });
    expect(error.headers).toEqual({ "WWW-Authenticate": "Bearer" });
    expect(error.cause).toBe(cause);
  });

  test("every code is documented in the package README", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const [, code] of CASES) expect(readme).toContain(code);
  });
});
