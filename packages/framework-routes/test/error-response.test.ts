import { GatewayError } from "@patchbay/gateway";
import { expect, test } from "vitest";
import { defaultErrorResponse, errorResponse, isExpectedError, statusOfRouteError } from "../src/error-response.js";
import { HttpError, RouteError } from "../src/errors.js";

test("statusOfRouteError: the error's own status, else 500", () => {
  expect(statusOfRouteError(new HttpError(404))).toBe(404);
  expect(statusOfRouteError(new RouteError("ERR_ROUTE_BODY_TOO_LARGE", "x"))).toBe(413);
  expect(statusOfRouteError(Object.assign(new Error("x"), { status: 503 }))).toBe(503);
  expect(statusOfRouteError(new Error("x"))).toBe(500);
  expect(statusOfRouteError("thrown string")).toBe(500);
});

test("isExpectedError: aborts and 4xx patchbay errors are answers; bugs are not", () => {
  expect(isExpectedError(new HttpError(500, "planned"))).toBe(true);
  expect(isExpectedError(new RouteError("ERR_ROUTE_MALFORMED_JSON", "x"))).toBe(true);
  expect(isExpectedError(new GatewayError("ERR_GATEWAY_INPUT_INCOMPLETE", "short", { status: 400 }))).toBe(true);
  expect(isExpectedError(new RouteError("ERR_ROUTE_INVALID_RESPONSE", "x"))).toBe(false);
  expect(isExpectedError(Object.assign(new Error("foreign"), { status: 400 }))).toBe(false);
  expect(isExpectedError(new TypeError("bug"))).toBe(false);
});

test("the default response shows an expected error's message and hides a bug's", () => {
  const aborted = defaultErrorResponse(new HttpError(403, "members only", { headers: [["X-Reason", "membership"]] }));
  expect(aborted.status).toBe(403);
  expect(aborted.body).toBe("403 Forbidden\nmembers only\n");
  expect(aborted.header("content-type")).toBe("text/plain; charset=utf-8");
  expect(aborted.header("x-reason")).toBe("membership");
  expect(defaultErrorResponse(new HttpError(404)).body).toBe("404 Not Found\n");
  const bug = defaultErrorResponse(new TypeError("secret path /etc/passwd"));
  expect(bug.status).toBe(500);
  expect(bug.body).toBe("500 Internal Server Error\n");
});

test("errorResponse builds a plain-text error with optional message and headers", () => {
  const response = errorResponse(405, "", [["Allow", "GET"]]);
  expect(response.status).toBe(405);
  expect(response.body).toBe("405 Method Not Allowed\n");
  expect(response.header("allow")).toBe("GET");
  expect(errorResponse(400, "Bad Request").body).toBe("400 Bad Request\n");
  expect(errorResponse(422, "name is required").body).toBe("422 Unprocessable Entity\nname is required\n");
});
