import { expect, test } from "vitest";
import { GatewayError } from "../../src/errors.js";
import { StaticError, type StaticErrorCode } from "../../src/static/errors.js";

test("StaticError is a GatewayError with its code, status and cause", () => {
  const cause = new Error("EIO");
  const error = new StaticError("ERR_STATIC_FILE_SYSTEM", "cannot read", { status: 500, cause });
  expect(GatewayError.isGatewayError(error)).toBe(true);
  expect(error).toMatchObject({ name: "StaticError", code: "ERR_STATIC_FILE_SYSTEM", status: 500, message: "cannot read" });
  expect(error.cause).toBe(cause);
});

test("codes follow ERR_STATIC_<PROBLEM> and are unique", () => {
  const codes: StaticErrorCode[] = ["ERR_STATIC_INVALID_OPTION", "ERR_STATIC_FILE_SYSTEM"];
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) expect(code).toMatch(/^ERR_STATIC_[A-Z_]+$/);
});
