/** @patchbay/conformance — the server conformance suite every patchbay server runs. Barrel of named exports only. */

export { defineServerConformance } from "./define-server-conformance.js";
export type { ConformanceArea, ServerConformanceTarget } from "./conformance-target.js";

// Pieces a server's own tests may reuse
export { RawConnection, RAW_READ_TIMEOUT_MS } from "./raw-connection.js";
export type { ReadResponseOptions } from "./raw-connection.js";
export { parseResponse } from "./raw-response.js";
export type { ParsedResponse, ParseResponseOptions, RawFraming, RawResponse } from "./raw-response.js";
export { MemoryLogger } from "./memory-logger.js";
export type { LogEntry } from "./memory-logger.js";
export { MemoryAccessLog, ACCESS_LOG_WAIT_MS } from "./memory-access-log.js";
export { startTestServer, destroyTestServers, TEST_GRACEFUL_MS } from "./test-server.js";
export type { TestServer } from "./test-server.js";
export { createDeferred } from "./deferred.js";
export type { Deferred } from "./deferred.js";

// Server processes and their builds (for tests that run a server's real bin)
export { startServerProcess } from "./start-server-process.js";
export type { ServerProcess, ServerProcessOptions } from "./start-server-process.js";
export { buildWorkspaceDependencies } from "./build-workspace-dependencies.js";
export type { BuildWorkspaceDependenciesOptions } from "./build-workspace-dependencies.js";
export { getOnNewConnection } from "./get-on-new-connection.js";
