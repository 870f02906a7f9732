import { expect, test } from "vitest";
import { GatewayError, statusOfError } from "../src/errors.js";

test("GatewayError carries code, status, cause and its class name", () => {
  const cause = new Error("root");
  const error = new GatewayError("ERR_GATEWAY_INVALID_STATUS", "bad status", { status: 500, cause });
  expect(error).toMatchObject({ code: "ERR_GATEWAY_INVALID_STATUS", status: 500, name: "GatewayError", message: "bad status" });
  expect(error.cause).toBe(cause);
  class SubError extends GatewayError<"ERR_SUB"> {}
  expect(new SubError("ERR_SUB", "x").name).toBe("SubError");
});

test("isGatewayError uses the brand, not instanceof, so a copy from another package instance is recognised", () => {
  const foreign = Object.assign(new Error("x"), { [Symbol.for("patchbay.gateway.error")]: true });
  expect(GatewayError.isGatewayError(foreign)).toBe(true);
  expect(GatewayError.isGatewayError(new Error("plain"))).toBe(false);
  expect(GatewayError.isGatewayError(null)).toBe(false);
});

test("statusOfError reads a 4xx/5xx status and ignores anything else", () => {
  expect(statusOfError({ status: 404 })).toBe(404);
  expect(statusOfError({ status: 200 })).toBeUndefined();
  expect(statusOfError({ status: "500" })).toBeUndefined();
  expect(statusOfError(new Error("x"))).toBeUndefined();
});
