import { describe, expect, test } from "vitest";
import { decodePath, splitRequestTarget } from "../src/request-target.js";

describe("splitRequestTarget", () => {
  test("origin-form with and without a query", () => {
    expect(splitRequestTarget("/a/b?x=1&y=2")).toEqual({ path: "/a/b", query: "x=1&y=2" });
    expect(splitRequestTarget("/a/b")).toEqual({ path: "/a/b", query: "" });
    expect(splitRequestTarget("/?")).toEqual({ path: "/", query: "" });
  });
  test("absolute-form keeps only path and query (RFC 9112 §3.2.2)", () => {
    expect(splitRequestTarget("http://example.com:8080/p/q?z")).toEqual({ path: "/p/q", query: "z" });
    expect(splitRequestTarget("http://example.com")).toEqual({ path: "/", query: "" });
    expect(splitRequestTarget("http://example.com?a=1")).toEqual({ path: "/", query: "a=1" });
  });
  test("asterisk-form", () => {
    expect(splitRequestTarget("*")).toEqual({ path: "*", query: "" });
  });
});

describe("decodePath", () => {
  test("returns plain ASCII paths unchanged", () => {
    expect(decodePath("/plain/path")).toBe("/plain/path");
  });
  test("percent-decodes UTF-8", () => {
    expect(decodePath("/caf%C3%A9/%20x")).toBe("/café/ x");
    expect(decodePath("/a%2Fb")).toBe("/a/b");
  });
  test("treats U+0080..U+00FF as raw request-line bytes", () => {
    expect(decodePath("/caf\u00c3\u00a9")).toBe("/café");
  });
  test("rejects malformed escapes and invalid UTF-8", () => {
    expect(decodePath("/%zz")).toBeUndefined();
    expect(decodePath("/%4")).toBeUndefined();
    expect(decodePath("/%ff%fe")).toBeUndefined();
  });
});
