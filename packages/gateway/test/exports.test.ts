// The export-surface test of @patchbay/gateway and its ./static subpath: the only snapshot test, so any change to the public surface shows up in review.
import { expect, test } from "vitest";

test("the runtime exports of @patchbay/gateway", async () => {
  expect(Object.keys(await import("../src/index.js")).sort()).toMatchInlineSnapshot(`
    [
      "FIELD_NAME_PATTERN",
      "FIELD_VALUE_PATTERN",
      "FILE_BLOCK_BYTES",
      "FetchBridgeError",
      "GATEWAY_VERSION",
      "GatewayError",
      "HOP_BY_HOP_HEADERS",
      "MemorySink",
      "STDERR_ERROR_STREAM",
      "ValidationError",
      "applicationUri",
      "assertBodyClosed",
      "callApp",
      "createEmptyInputStream",
      "createEnviron",
      "createErrorStream",
      "createInputStream",
      "decodePath",
      "environApp",
      "environFromRequest",
      "environKeyForHeader",
      "fileWrapper",
      "fromFetchHandler",
      "getHeader",
      "httpDate",
      "isFileBody",
      "isHopByHopHeader",
      "reasonPhrase",
      "requestFromEnviron",
      "requestUri",
      "runApplication",
      "splitRequestTarget",
      "statusOfError",
      "toFetchHandler",
      "validate",
      "validateSink",
    ]
  `);
});

test("the runtime exports of @patchbay/gateway/static", async () => {
  const staticExports = await import("../src/static/index.js");
  expect(typeof staticExports.serveStatic).toBe("function");
  expect(Object.keys(staticExports).sort()).toMatchInlineSnapshot(`
    [
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
    ]
  `);
});
