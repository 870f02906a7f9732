import { describe, expect, it } from "vitest";
import { SERVER_FLAGS } from "../src/server-flags.js";

describe("SERVER_FLAGS", () => {
  it("holds every shared flag once, each with a description", () => {
    const names = SERVER_FLAGS.map((flag) => flag.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      "bind",
      "root",
      "static",
      "static-cache-control",
      "env",
      "access-log",
      "access-log-format",
      "log-level",
      "limit-request-line",
      "limit-request-fields",
      "limit-request-field-size",
      "limit-request-body",
      "limit-connections",
      "keep-alive",
      "header-timeout",
      "request-timeout",
      "graceful-timeout",
      "help",
      "version",
    ]);
    expect(SERVER_FLAGS.filter((flag) => flag.description.length < 10).map((flag) => flag.name)).toEqual([]);
  });

  it("leaves server-cluster's own flag names free (--timeout is its worker heartbeat)", () => {
    const names = new Set(SERVER_FLAGS.map((flag) => flag.name));
    expect(["workers", "timeout", "max-requests", "max-requests-jitter", "preload", "stats", "engine"].filter((name) => names.has(name))).toEqual([]);
  });

  it("marks the repeatable flags and the switches", () => {
    expect(SERVER_FLAGS.filter((flag) => flag.multiple === true).map((flag) => flag.name)).toEqual(["bind", "static", "env"]);
    expect(SERVER_FLAGS.filter((flag) => flag.valueName === undefined).map((flag) => flag.name)).toEqual(["help", "version"]);
    expect(SERVER_FLAGS.filter((flag) => flag.short !== undefined).map((flag) => `${flag.short}:${flag.name}`)).toEqual(["b:bind", "e:env", "h:help"]);
  });
});
