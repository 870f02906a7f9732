import { describe, expect, it } from "vitest";
import { createLogger, formatLogTime, isLogLevel, LOG_LEVELS } from "../src/logger.js";

const LINE_PATTERN = /^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}\] \[(\d+)\] \[([A-Z]+)\] (.*)$/;

function capture(level?: (typeof LOG_LEVELS)[number]) {
  const lines: string[] = [];
  const logger = createLogger({ ...(level === undefined ? {} : { level }), pid: 4242, write: (text) => lines.push(text) });
  return { logger, lines };
}

describe("createLogger", () => {
  it("writes gunicorn-style lines with time, pid and level", () => {
    const { logger, lines } = capture();
    logger.info("Listening at http://127.0.0.1:8000");
    expect(lines).toHaveLength(1);
    const line = lines[0] as string;
    expect(line.endsWith("\n")).toBe(true);
    const match = LINE_PATTERN.exec(line.trimEnd());
    expect(match?.[1]).toBe("4242");
    expect(match?.[2]).toBe("INFO");
    expect(match?.[3]).toBe("Listening at http://127.0.0.1:8000");
  });

  it("filters by level (default info)", () => {
    const { logger, lines } = capture();
    expect(logger.level).toBe("info");
    logger.debug("hidden");
    logger.warning("careful");
    logger.error("broken");
    logger.critical("dead");
    expect(lines.map((line) => LINE_PATTERN.exec(line.trimEnd())?.[2])).toEqual(["WARNING", "ERROR", "CRITICAL"]);
  });

  it("writes debug at level debug and only errors at level error", () => {
    const debug = capture("debug");
    debug.logger.debug("shown");
    expect(debug.lines).toHaveLength(1);
    const errorOnly = capture("error");
    errorOnly.logger.info("no");
    errorOnly.logger.warning("no");
    errorOnly.logger.error("yes");
    expect(errorOnly.lines).toHaveLength(1);
  });

  it("indents the stack and the cause chain under an error line", () => {
    const { logger, lines } = capture();
    logger.error("request failed", new Error("outer", { cause: new TypeError("inner") }));
    const text = lines[0] as string;
    const [first, ...rest] = text.trimEnd().split("\n");
    expect(LINE_PATTERN.exec(first as string)?.[3]).toBe("request failed");
    expect(rest[0]).toBe("  Error: outer");
    expect(rest.every((line) => line.startsWith("  "))).toBe(true);
    expect(text).toContain("  Caused by: TypeError: inner");
  });

  it("describes a thrown non-error", () => {
    const { logger, lines } = capture();
    logger.error("odd", { code: 7 });
    expect(lines[0]).toContain("  { code: 7 }");
  });

  it("refuses an unknown level", () => {
    expect(() => createLogger({ level: "loud" as "info" })).toThrow(/log level must be one of debug, info, warning, error, critical/);
  });
});

describe("formatLogTime", () => {
  it("prints local time with its offset, which reads back as the same instant", () => {
    const instant = Date.UTC(2026, 10, 24, 19, 30, 5);
    const text = formatLogTime(instant);
    const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(text);
    expect(match).not.toBeNull();
    const [, day, time, offsetHours, offsetMinutes] = match as RegExpExecArray;
    expect(Date.parse(`${day}T${time}${offsetHours}:${offsetMinutes}`)).toBe(instant);
  });
});

describe("isLogLevel", () => {
  it("knows the five levels", () => {
    for (const level of LOG_LEVELS) expect(isLogLevel(level)).toBe(true);
    expect(isLogLevel("INFO")).toBe(false);
    expect(isLogLevel(3)).toBe(false);
  });
});
