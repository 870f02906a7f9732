// The export-surface test of @patchbay/framework-resources: the only snapshot test, so any change to the public surface shows up in review.
import { expect, test } from "vitest";

test("the runtime exports of @patchbay/framework-resources", async () => {
  expect(Object.keys(await import("../src/index.js")).sort()).toMatchInlineSnapshot(`
    [
      "BUILT_IN_CONVERTERS",
      "DEFAULT_MAX_BODY_BYTES",
      "HTTPBadRequest",
      "HTTPConflict",
      "HTTPError",
      "HTTPForbidden",
      "HTTPGone",
      "HTTPInternalServerError",
      "HTTPMethodNotAllowed",
      "HTTPNotAcceptable",
      "HTTPNotFound",
      "HTTPPayloadTooLarge",
      "HTTPServiceUnavailable",
      "HTTPTooManyRequests",
      "HTTPUnauthorized",
      "HTTPUnprocessableEntity",
      "HTTPUnsupportedMediaType",
      "MAX_NEGOTIATION_CACHE_ENTRIES",
      "MediaHandlers",
      "PROBLEM_CONTENT_TYPE",
      "Request",
      "ResourceApp",
      "ResourceError",
      "Response",
      "essenceOf",
      "floatConverter",
      "formMediaHandler",
      "intConverter",
      "jsonMediaHandler",
      "uuidConverter",
    ]
  `);
});
