import { expect, test } from "vitest";
import { GatewayError } from "@patchbay/gateway";
import { ResourceError } from "../src/errors.js";

test("ResourceError is a branded GatewayError with its code, message, status and cause", () => {
  const cause = new Error("inner");
  const error = new ResourceError("ERR_RESOURCE_INVALID_TEMPLATE", "bad template", { status: 500, cause });
  expect(GatewayError.isGatewayError(error)).toBe(true);
  expect(error).toBeInstanceOf(Error);
  expect([error.name, error.code, error.message, error.status, error.cause]).toEqual(["ResourceError", "ERR_RESOURCE_INVALID_TEMPLATE", "bad template", 500, cause]);
  expect(new ResourceError("ERR_RESOURCE_DUPLICATE_ROUTE", "dup").status).toBeUndefined();
});
