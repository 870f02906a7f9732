/** @patchbay/server-loop — patchbay's single event-loop server on node:http. Barrel of named exports only. */

export { createServer, serve } from "./server.js";
export { RequestListener } from "./listener.js";
export type { ListenerAddress, LoopContext } from "./listener.js";
export { ServerResponseSink } from "./server-response-sink.js";
export { LoopError } from "./errors.js";
export type { LoopErrorCode } from "./errors.js";
