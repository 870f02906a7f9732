/** @patchbay/server-kit — what every patchbay server shares. Barrel of named exports only. */

// The server surface (types)
export type {
  AccessLog,
  AccessRecord,
  BindAddress,
  CreateServer,
  Logger,
  LogLevel,
  Server,
  ServerAddress,
  ServerLimits,
  ServerOptions,
  ServerOptionsInput,
  ServerTimeouts,
  StaticMount,
} from "./server-types.js";

// Options
export { DEFAULT_HOST, DEFAULT_LIMITS, DEFAULT_PORT, DEFAULT_TIMEOUTS, resolveServerOptions } from "./options.js";

// Errors
export { ServerKitError } from "./errors.js";
export type { ServerKitErrorCode } from "./errors.js";

// Command line
export { formatHelp, parseCommandLine } from "./cli-options.js";
export type { CommandLine, ParseCommandLineOptions } from "./cli-options.js";
export { SERVER_FLAGS } from "./server-flags.js";
export type { FlagDefinition } from "./server-flags.js";
export { parseBindAddress, parseChoice, parseEnvAssignment, parsePort, parsePositiveInteger, parseSecondsAsMilliseconds, parseStaticMount } from "./flag-values.js";
export type { FlagValueParser } from "./flag-values.js";
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runServerCli } from "./run-cli.js";
export type { CliCreateServer, RunServerCliOptions } from "./run-cli.js";

// Listening
export { listenOnBind } from "./listen-on-bind.js";
export type { BoundListener, ListenOnBindOptions } from "./listen-on-bind.js";

// Applications
export { DEFAULT_EXPORT_NAMES, loadApplication, parseApplicationReference } from "./load-application.js";
export type { ApplicationReference, LoadApplicationOptions } from "./load-application.js";
export { prepareApplication } from "./prepare-application.js";
export { DEMO_ENVIRON_PATH, DEMO_ROOT, demoApplication } from "./demo-application.js";

// Logs
export { createLogger, formatLogTime, isLogLevel, LOG_LEVELS } from "./logger.js";
export type { LoggerOptions } from "./logger.js";
export { openAccessLog } from "./access-log.js";
export type { AccessLogOptions, ClosableAccessLog } from "./access-log.js";
export { compileAccessLogFormat, DEFAULT_ACCESS_LOG_FORMAT } from "./access-log-format.js";
export type { AccessLogFormatter } from "./access-log-format.js";
export { EnvironAccessRecord } from "./environ-access-record.js";
export { createLoggerErrorStream } from "./logger-error-stream.js";
