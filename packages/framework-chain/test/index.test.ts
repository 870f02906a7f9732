// The export-surface test of the package barrel (the only snapshot-like test).
import { expect, test } from "vitest";
import * as chain from "../src/index.js";

test("the public export surface", () => {
  expect(Object.keys(chain).sort()).toEqual([
    "BODY_LIMIT_BYTES",
    "BodyTooLargeError",
    "ChainApp",
    "ChainError",
    "ChainRequest",
    "ChainResponse",
    "Context",
    "Cookies",
    "HttpError",
    "InvalidBodyError",
    "InvalidHeaderError",
    "InvalidOptionError",
    "InvalidRouteError",
    "InvalidStatusError",
    "MalformedBodyError",
    "NextCalledTwiceError",
    "ROUTER_ALL_METHODS",
    "Router",
    "UnsupportedMediaTypeError",
    "bodyParser",
    "compose",
  ]);
});
