// The runtime export surface of @patchbay/server-socket: any change to it shows up here in review.
import { expect, test } from "vitest";

test("the runtime exports of @patchbay/server-socket", async () => {
  expect(Object.keys(await import("../src/index.js")).sort()).toEqual([
    "BATCH_HIGH_WATER_BYTES",
    "BODY_QUEUE_HIGH_WATER_BYTES",
    "CHUNKED_BODY",
    "Connection",
    "LINGER_MS",
    "MAX_BODY_BYTES",
    "MAX_CHUNK_EXTENSION_BYTES",
    "MAX_CHUNK_SIZE_DIGITS",
    "MAX_DRAIN_BYTES",
    "MAX_HEADER_BYTES",
    "MAX_HEADER_COUNT",
    "MAX_PIPELINED_BYTES",
    "MAX_REQUEST_LINE_BYTES",
    "NO_BODY",
    "PARSE_ERROR_STATUS",
    "RequestBody",
    "RequestParser",
    "SocketError",
    "SocketSink",
    "createBodyDecoder",
    "createParseError",
    "createServer",
    "formatErrorResponse",
    "serve",
  ]);
});
