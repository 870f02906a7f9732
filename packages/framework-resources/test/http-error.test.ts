import { describe, expect, test } from "vitest";
import { GatewayError, statusOfError } from "@patchbay/gateway";
import { HTTPError } from "../src/http-error.js";

describe("HTTPError", () => {
  test("is a GatewayError with a status, a reason-phrase title and about:blank type by default", () => {
    const error = new HTTPError(418);
    expect(GatewayError.isGatewayError(error)).toBe(true);
    expect(statusOfError(error)).toBe(418);
    expect([error.code, error.title, error.type, error.message]).toEqual(["ERR_RESOURCE_HTTP_ERROR", "I'm a Teapot", "about:blank", "I'm a Teapot"]);
    expect(error.toProblem()).toEqual({ type: "about:blank", title: "I'm a Teapot", status: 418 });
  });

  test("carries detail, type, instance, headers, extensions and cause (RFC 9457 §3)", () => {
    const cause = new Error("db down");
    const error = new HTTPError(503, {
      title: "Out of credit",
      detail: "Your balance is 30, the item costs 50.",
      type: "https://example.com/probs/out-of-credit",
      instance: "/account/12345/msgs/abc",
      headers: [["Retry-After", "60"]],
      extensions: { balance: 30, status: 200, title: "spoof" },
      cause,
    });
    expect(error.message).toBe("Out of credit: Your balance is 30, the item costs 50.");
    expect(error.cause).toBe(cause);
    expect(error.headers).toEqual([["Retry-After", "60"]]);
    // Extension members never override the standard ones.
    expect(error.toProblem()).toEqual({
      type: "https://example.com/probs/out-of-credit",
      title: "Out of credit",
      status: 503,
      detail: "Your balance is 30, the item costs 50.",
      instance: "/account/12345/msgs/abc",
      balance: 30,
    });
  });

  test("isHTTPError recognises the brand, not just instanceof", () => {
    expect(HTTPError.isHTTPError(new HTTPError(400))).toBe(true);
    expect(HTTPError.isHTTPError(new Error("x"))).toBe(false);
    expect(HTTPError.isHTTPError(null)).toBe(false);
    expect(HTTPError.isHTTPError({ [Symbol.for("patchbay.framework-resources.http-error")]: true })).toBe(true);
  });
});
