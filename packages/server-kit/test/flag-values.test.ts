import { describe, expect, it } from "vitest";
import { parseBindAddress, parseChoice, parseEnvAssignment, parsePort, parsePositiveInteger, parseSecondsAsMilliseconds, parseStaticMount } from "../src/flag-values.js";

describe("flag value parsers", () => {
  it("parsePort takes 0–65535 digits only", () => {
    expect(parsePort("0")).toBe(0);
    expect(parsePort("8000")).toBe(8000);
    expect(parsePort("65535")).toBe(65535);
    expect(() => parsePort("65536")).toThrow("expected a port number from 0 to 65535, got '65536'");
    expect(() => parsePort("-1")).toThrow(/got '-1'/);
    expect(() => parsePort("80x")).toThrow(/got '80x'/);
    expect(() => parsePort("")).toThrow(/got ''/);
  });

  it("parseBindAddress reads HOST:PORT, [IPV6]:PORT and unix:PATH", () => {
    expect(parseBindAddress("127.0.0.1:8000")).toEqual({ host: "127.0.0.1", port: 8000 });
    expect(parseBindAddress("localhost:0")).toEqual({ host: "localhost", port: 0 });
    expect(parseBindAddress("[::1]:9000")).toEqual({ host: "::1", port: 9000 });
    expect(parseBindAddress("unix:/tmp/app.sock")).toEqual({ path: "/tmp/app.sock" });
  });

  it("parseBindAddress refuses what it cannot use", () => {
    expect(() => parseBindAddress("x")).toThrow("expected HOST:PORT, [IPV6]:PORT or unix:PATH, got 'x'");
    expect(() => parseBindAddress(":8000")).toThrow(/got ':8000'/);
    expect(() => parseBindAddress("host:")).toThrow(/got 'host:'/);
    expect(() => parseBindAddress("host:99999")).toThrow(/port number/);
    expect(() => parseBindAddress("::1:8000")).toThrow(/bracket IPv6 addresses/);
    expect(() => parseBindAddress("[::1]8000")).toThrow(/got '\[::1\]8000'/);
    expect(() => parseBindAddress("unix:")).toThrow(/got 'unix:'/);
  });

  it("parseStaticMount reads /PREFIX=DIR", () => {
    expect(parseStaticMount("/assets=./public")).toEqual({ prefix: "/assets", directory: "./public" });
    expect(parseStaticMount("/=a=b")).toEqual({ prefix: "/", directory: "a=b" });
    expect(() => parseStaticMount("assets=public")).toThrow("expected /PREFIX=DIRECTORY, got 'assets=public'");
    expect(() => parseStaticMount("/assets")).toThrow(/PREFIX=DIRECTORY/);
    expect(() => parseStaticMount("/assets=")).toThrow(/PREFIX=DIRECTORY/);
  });

  it("parseEnvAssignment reads KEY=VALUE, the value may be empty or hold '='", () => {
    expect(parseEnvAssignment("A=1")).toEqual(["A", "1"]);
    expect(parseEnvAssignment("A=")).toEqual(["A", ""]);
    expect(parseEnvAssignment("app.mode=a=b")).toEqual(["app.mode", "a=b"]);
    expect(() => parseEnvAssignment("=1")).toThrow("expected KEY=VALUE, got '=1'");
    expect(() => parseEnvAssignment("A")).toThrow(/KEY=VALUE/);
  });

  it("parsePositiveInteger and parseSecondsAsMilliseconds", () => {
    expect(parsePositiveInteger("42")).toBe(42);
    expect(() => parsePositiveInteger("0")).toThrow("expected a positive integer, got '0'");
    expect(() => parsePositiveInteger("1e3")).toThrow(/positive integer/);
    expect(() => parsePositiveInteger("99999999999999999999")).toThrow(/positive integer/);
    expect(parseSecondsAsMilliseconds("5")).toBe(5000);
    expect(parseSecondsAsMilliseconds("0")).toBe(0);
    expect(parseSecondsAsMilliseconds("0.25")).toBe(250);
    expect(() => parseSecondsAsMilliseconds("-1")).toThrow("expected a number of seconds, got '-1'");
    expect(() => parseSecondsAsMilliseconds("5s")).toThrow(/seconds/);
  });

  it("parseChoice accepts only its choices", () => {
    const parse = parseChoice(["a", "b"]);
    expect(parse("b")).toBe("b");
    expect(() => parse("c")).toThrow("expected one of a, b, got 'c'");
  });
});
