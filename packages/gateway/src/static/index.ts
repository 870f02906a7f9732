/** @patchbay/gateway/static — static-file serving shared by every server. Barrel of named exports only. */

// The middleware
export { serveStatic } from "./serve-static.js";
export type { CacheControlPolicy, DotfilesPolicy, StaticMount, StaticOptions } from "./static-options.js";
export { DEFAULT_INDEX_FILES, MEMORY_CACHE_MAX_BYTES, MEMORY_CACHE_MAX_FILE_BYTES, STAT_CACHE_MAX_ENTRIES, STAT_CACHE_MS } from "./static-options.js";

// Errors
export { StaticError } from "./errors.js";
export type { StaticErrorCode } from "./errors.js";

// HTTP building blocks, for servers and frameworks that serve files their own way
export { parseHttpDate } from "./http-date.js";
export { chooseEncoding } from "./choose-encoding.js";
export type { ContentCoding } from "./choose-encoding.js";
export { evaluatePreconditions } from "./evaluate-preconditions.js";
export type { PreconditionOutcome, Validators } from "./evaluate-preconditions.js";
export { MAX_BYTE_RANGES, selectByteRanges } from "./select-byte-ranges.js";
export type { ByteRange, RangeSelection } from "./select-byte-ranges.js";
