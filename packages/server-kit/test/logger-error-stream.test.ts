import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { createLoggerErrorStream } from "../src/logger-error-stream.js";
import type { Logger } from "../src/server-types.js";

/** A logger that keeps its error messages. */
function errorRecorder(): Logger & { messages: string[] } {
  const messages: string[] = [];
  return { level: "debug", messages, debug() {}, info() {}, warning() {}, error: (message) => void messages.push(message) };
}

describe("createLoggerErrorStream", () => {
  it("logs each line of a write as one error record, without its line ending", () => {
    const logger = errorRecorder();
    const errors = createLoggerErrorStream(logger);
    errors.write("first line\nsecond line\r\n");
    errors.write("no newline");
    expect(logger.messages).toEqual(["first line", "second line", "no newline"]);
  });

  it("drops blank lines, so a lone newline (print-style) logs nothing", () => {
    const logger = errorRecorder();
    const errors = createLoggerErrorStream(logger);
    errors.write("message");
    errors.write("\n");
    errors.write("\n\na\n\n");
    expect(logger.messages).toEqual(["message", "a"]);
  });

  it("writes through the logger's format and level", () => {
    const lines: string[] = [];
    const errors = createLoggerErrorStream(createLogger({ level: "error", write: (text) => void lines.push(text), pid: 42, now: () => 0 }));
    errors.write("app says hi\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[.+\] \[42\] \[ERROR\] app says hi\n$/);
  });

  it("never throws: not on a throwing logger, not on a non-string, not on flush()", () => {
    const throwing: Logger = {
      level: "debug",
      debug() {},
      info() {},
      warning() {},
      error() {
        throw new Error("log file gone");
      },
    };
    const errors = createLoggerErrorStream(throwing);
    expect(() => errors.write("text\n")).not.toThrow();
    expect(() => errors.flush()).not.toThrow();
    const logger = errorRecorder();
    createLoggerErrorStream(logger).write(42 as unknown as string);
    expect(logger.messages).toEqual(["42"]);
  });
});
