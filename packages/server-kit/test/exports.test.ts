// The export-surface test of @patchbay/server-kit: the only snapshot test, so any change to the public surface shows up in review.
import { expect, test } from "vitest";

test("the runtime exports of @patchbay/server-kit", async () => {
  expect(Object.keys(await import("../src/index.js")).sort()).toMatchInlineSnapshot(`
    [
      "DEFAULT_ACCESS_LOG_FORMAT",
      "DEFAULT_EXPORT_NAMES",
      "DEFAULT_HOST",
      "DEFAULT_LIMITS",
      "DEFAULT_PORT",
      "DEFAULT_TIMEOUTS",
      "DEMO_ENVIRON_PATH",
      "DEMO_ROOT",
      "EXIT_FAILURE",
      "EXIT_OK",
      "EXIT_USAGE",
      "EnvironAccessRecord",
      "LOG_LEVELS",
      "SERVER_FLAGS",
      "ServerKitError",
      "compileAccessLogFormat",
      "createLogger",
      "createLoggerErrorStream",
      "demoApplication",
      "formatHelp",
      "formatLogTime",
      "isLogLevel",
      "listenOnBind",
      "loadApplication",
      "openAccessLog",
      "parseApplicationReference",
      "parseBindAddress",
      "parseChoice",
      "parseCommandLine",
      "parseEnvAssignment",
      "parsePort",
      "parsePositiveInteger",
      "parseSecondsAsMilliseconds",
      "parseStaticMount",
      "prepareApplication",
      "resolveServerOptions",
      "runServerCli",
    ]
  `);
});
