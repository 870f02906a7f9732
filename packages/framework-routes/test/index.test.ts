import { expect, test } from "vitest";
import * as routes from "../src/index.js";

test("the package's runtime export surface", () => {
  expect(Object.keys(routes).sort()).toEqual([
    "BINARY_CONTENT_TYPE",
    "BUILTIN_CONVERTERS",
    "DEFAULT_MAX_BODY_BYTES",
    "Form",
    "HTML_CONTENT_TYPE",
    "HtmlString",
    "HttpError",
    "JSON_CONTENT_TYPE",
    "MultiDict",
    "ROUTE_ERROR_STATUS",
    "RouteApp",
    "RouteError",
    "RouteRequest",
    "RouteResponse",
    "TEXT_CONTENT_TYPE",
    "abort",
    "escapeHtml",
    "html",
    "json",
    "raw",
    "redirect",
    "stream",
    "text",
  ]);
});
