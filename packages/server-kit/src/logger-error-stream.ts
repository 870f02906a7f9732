/** `gateway.errors` on the server's error log: what an application writes there becomes error records of the server's logger. */
import type { ErrorStream } from "@patchbay/gateway";
import type { Logger } from "./server-types.js";

/**
 * An ErrorStream (the `gateway.errors` a server hands its applications, as Gunicorn's `wsgi.errors`
 * goes to its error log) that logs each line of each `write()` as one `logger.error` record: the line
 * without its "\n" (or "\r\n"), a last line without one included; blank lines are dropped.
 *
 * Nothing is buffered between writes, so one stream can serve every request of a server and no partial
 * line of one request is ever glued to another's; `flush()` has nothing to do. Per G-9.2 neither method
 * throws (a throwing logger is ignored, a non-string is logged as `String(text)`) and neither does I/O
 * beyond what the logger does.
 *
 * @example
 * const errors = createLoggerErrorStream(options.logger); // once per server
 * createEnviron({ ...request, errors });
 */
export function createLoggerErrorStream(logger: Logger): ErrorStream {
  return {
    write(text: string): void {
      const lines = (typeof text === "string" ? text : String(text)).split("\n");
      for (const line of lines) {
        const message = line.endsWith("\r") ? line.slice(0, -1) : line;
        if (message.length === 0) continue;
        try {
          logger.error(message);
        } catch {
          // G-9.2: gateway.errors never throws into the application; the logger's own failure is not its to handle.
        }
      }
    },
    flush(): void {},
  };
}
