import { GatewayError, statusOfError } from "@patchbay/gateway";
import { expect, test } from "vitest";
import { HttpError, ROUTE_ERROR_STATUS, RouteError } from "../src/errors.js";
import type { RouteErrorCode } from "../src/errors.js";

const CODES = Object.keys(ROUTE_ERROR_STATUS) as RouteErrorCode[];

test("every code is ERR_ROUTE_*, unique, and distinct from HttpError's", () => {
  expect(new Set(CODES).size).toBe(CODES.length);
  for (const code of CODES) expect(code).toMatch(/^ERR_ROUTE_[A-Z_]+$/);
  expect(CODES).not.toContain("ERR_ROUTE_HTTP");
});

test("a RouteError carries its code's status, a name, a cause and the gateway brand", () => {
  for (const code of CODES) {
    const cause = new Error("root");
    const error = new RouteError(code, "message", { cause });
    expect(error).toMatchObject({ code, name: "RouteError", message: "message", status: ROUTE_ERROR_STATUS[code] });
    expect(error.cause).toBe(cause);
    expect(GatewayError.isGatewayError(error)).toBe(true);
  }
});

test("client errors map to 400, 413 and 415; programming errors map to no status", () => {
  expect(statusOfError(new RouteError("ERR_ROUTE_MALFORMED_JSON", "x"))).toBe(400);
  expect(statusOfError(new RouteError("ERR_ROUTE_MALFORMED_FORM", "x"))).toBe(400);
  expect(statusOfError(new RouteError("ERR_ROUTE_BODY_TOO_LARGE", "x"))).toBe(413);
  expect(statusOfError(new RouteError("ERR_ROUTE_UNSUPPORTED_MEDIA_TYPE", "x"))).toBe(415);
  expect(statusOfError(new RouteError("ERR_ROUTE_INVALID_PATTERN", "x"))).toBeUndefined();
});

test("HttpError: status, default message from the reason phrase, headers, cause", () => {
  const cause = new Error("why");
  const error = new HttpError(405, undefined, { headers: [["Allow", "GET"]], cause });
  expect(error).toMatchObject({ code: "ERR_ROUTE_HTTP", status: 405, message: "Method Not Allowed", name: "HttpError" });
  expect(error.headers).toEqual([["Allow", "GET"]]);
  expect(error.cause).toBe(cause);
  expect(new HttpError(404, "no such user").message).toBe("no such user");
  expect(new HttpError(500).headers).toEqual([]);
});

test("HttpError refuses a status outside 400..599", () => {
  for (const status of [200, 302, 399, 600, 404.5, Number.NaN]) {
    expect(() => new HttpError(status)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_STATUS" }));
  }
});
