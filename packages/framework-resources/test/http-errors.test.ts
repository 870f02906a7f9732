import { expect, test } from "vitest";
import {
  HTTPBadRequest,
  HTTPConflict,
  HTTPForbidden,
  HTTPGone,
  HTTPInternalServerError,
  HTTPMethodNotAllowed,
  HTTPNotAcceptable,
  HTTPNotFound,
  HTTPPayloadTooLarge,
  HTTPServiceUnavailable,
  HTTPTooManyRequests,
  HTTPUnauthorized,
  HTTPUnprocessableEntity,
  HTTPUnsupportedMediaType,
} from "../src/http-errors.js";
import { HTTPError } from "../src/http-error.js";

test.each([
  [new HTTPBadRequest(), 400, "ERR_RESOURCE_BAD_REQUEST", "Bad Request"],
  [new HTTPUnauthorized(), 401, "ERR_RESOURCE_UNAUTHORIZED", "Unauthorized"],
  [new HTTPForbidden(), 403, "ERR_RESOURCE_FORBIDDEN", "Forbidden"],
  [new HTTPNotFound(), 404, "ERR_RESOURCE_NOT_FOUND", "Not Found"],
  [new HTTPMethodNotAllowed(["GET"]), 405, "ERR_RESOURCE_METHOD_NOT_ALLOWED", "Method Not Allowed"],
  [new HTTPNotAcceptable(), 406, "ERR_RESOURCE_NOT_ACCEPTABLE", "Not Acceptable"],
  [new HTTPConflict(), 409, "ERR_RESOURCE_CONFLICT", "Conflict"],
  [new HTTPGone(), 410, "ERR_RESOURCE_GONE", "Gone"],
  [new HTTPPayloadTooLarge(), 413, "ERR_RESOURCE_PAYLOAD_TOO_LARGE", "Payload Too Large"],
  [new HTTPUnsupportedMediaType(), 415, "ERR_RESOURCE_UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type"],
  [new HTTPUnprocessableEntity(), 422, "ERR_RESOURCE_UNPROCESSABLE_CONTENT", "Unprocessable Entity"],
  [new HTTPTooManyRequests(), 429, "ERR_RESOURCE_TOO_MANY_REQUESTS", "Too Many Requests"],
  [new HTTPInternalServerError(), 500, "ERR_RESOURCE_INTERNAL", "Internal Server Error"],
  [new HTTPServiceUnavailable(), 503, "ERR_RESOURCE_SERVICE_UNAVAILABLE", "Service Unavailable"],
])("%o has status %i, code %s and title %s", (error, status, code, title) => {
  expect(error).toBeInstanceOf(HTTPError);
  expect([error.status, error.code, error.title, error.name]).toEqual([status, code, title, error.constructor.name]);
});

test("HTTPMethodNotAllowed puts Allow first, before headers of its own", () => {
  const error = new HTTPMethodNotAllowed(["GET", "HEAD"], { headers: [["X-Why", "read-only"]], detail: "read-only resource" });
  expect(error.headers).toEqual([
    ["Allow", "GET, HEAD"],
    ["X-Why", "read-only"],
  ]);
  expect(error.allowedMethods).toEqual(["GET", "HEAD"]);
  expect(error.toProblem().detail).toBe("read-only resource");
});
