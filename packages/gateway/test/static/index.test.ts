import { expect, test } from "vitest";
import * as staticExports from "../../src/static/index.js";

test("the @patchbay/gateway/static export surface", () => {
  expect(Object.keys(staticExports).sort()).toEqual([
    "DEFAULT_INDEX_FILES",
    "MAX_BYTE_RANGES",
    "MEMORY_CACHE_MAX_BYTES",
    "MEMORY_CACHE_MAX_FILE_BYTES",
    "STAT_CACHE_MAX_ENTRIES",
    "STAT_CACHE_MS",
    "StaticError",
    "chooseEncoding",
    "evaluatePreconditions",
    "parseHttpDate",
    "selectByteRanges",
    "serveStatic",
  ]);
  expect(typeof staticExports.serveStatic).toBe("function");
});
