import { describe, expect, test } from "vitest";
import { Response } from "../src/response.js";

describe("Response headers", () => {
  test("setHeader replaces any case; appendHeader keeps; getHeader/deleteHeader are case-insensitive", () => {
    const response = new Response();
    response.setHeader("X-A", "1").appendHeader("Link", "<a>").appendHeader("link", "<b>").setHeader("x-a", "2");
    expect(response.headers).toEqual([
      ["Link", "<a>"],
      ["link", "<b>"],
      ["x-a", "2"],
    ]);
    expect(response.getHeader("LINK")).toBe("<a>");
    expect(response.deleteHeader("Link")).toBe(true);
    expect(response.deleteHeader("Link")).toBe(false);
    expect(response.headers).toEqual([["x-a", "2"]]);
  });

  test("refuses header injection, bad names and hop-by-hop headers at the line that sets them", () => {
    const response = new Response();
    expect(() => response.setHeader("X-A", "1\r\nSet-Cookie: x=1")).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_HEADER", status: 500 }));
    expect(() => response.setHeader("Bad Name", "1")).toThrow(/not a token/);
    expect(() => response.appendHeader("Connection", "close")).toThrow(/hop-by-hop/);
    expect(() => response.setHeader("X-Emoji", "😀")).toThrow(/non-latin-1/);
    expect(response.headers).toEqual([]);
  });

  test("a name that passed once is still refused with a bad value, and bad names stay refused every time", () => {
    const response = new Response();
    response.setHeader("X-Checked", "ok");
    expect(() => response.setHeader("X-Checked", "a\nb")).toThrow(/CR, LF/);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => response.setHeader("Bad Name", "1")).toThrow(/not a token/);
      expect(() => response.setHeader("Keep-Alive", "timeout=5")).toThrow(/hop-by-hop/);
      // The value is checked before the hop-by-hop rule, as before names were remembered.
      expect(() => response.setHeader("Upgrade", "a\rb")).toThrow(/CR, LF/);
    }
    expect(response.headers).toEqual([["X-Checked", "ok"]]);
  });

  test("the headers list read before any header is set is the one later headers go to", () => {
    const response = new Response();
    const headers = response.headers;
    expect(headers).toEqual([]);
    expect(response.getHeader("X-A")).toBeUndefined();
    expect(response.deleteHeader("X-A")).toBe(false);
    response.setHeader("X-A", "1").appendHeader("X-B", "2");
    expect(response.headers).toBe(headers);
    expect(headers).toEqual([
      ["X-A", "1"],
      ["X-B", "2"],
    ]);
  });

  test("contentType reads and writes Content-Type", () => {
    const response = new Response();
    expect(response.contentType).toBeUndefined();
    response.contentType = "text/html";
    expect(response.getHeader("content-type")).toBe("text/html");
  });
});

describe("Response cookies", () => {
  test("setCookie appends an encoded Set-Cookie with its attributes", () => {
    const response = new Response();
    response.setCookie("name", "a b", { path: "/", secure: true, sameSite: "lax", maxAge: 60 });
    response.setCookie("two", "2");
    expect(response.headers).toEqual([
      ["Set-Cookie", "name=a%20b; Max-Age=60; Path=/; Secure; SameSite=Lax"],
      ["Set-Cookie", "two=2"],
    ]);
  });

  test("unsetCookie expires the cookie with the given path", () => {
    const response = new Response();
    response.unsetCookie("session", { path: "/app" });
    expect(response.getHeader("set-cookie")).toBe("session=; Max-Age=0; Path=/app; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  });
});

describe("Response body", () => {
  test("defaults: status 200, no body, not complete", () => {
    const response = new Response();
    expect([response.status, response.bodyKind, response.complete]).toEqual([200, "none", false]);
  });

  test("the last body set wins; the other getters say undefined", () => {
    const response = new Response();
    response.text = "hello";
    expect([response.bodyKind, response.text, response.media]).toEqual(["text", "hello", undefined]);
    response.media = { a: 1 };
    expect([response.bodyKind, response.text, response.media]).toEqual(["media", undefined, { a: 1 }]);
    response.data = new Uint8Array([1]);
    expect([response.bodyKind, response.data, response.media]).toEqual(["data", new Uint8Array([1]), undefined]);
    const stream = ["a", "b"];
    response.stream = stream;
    expect([response.bodyKind, response.stream, response.data]).toEqual(["stream", stream, undefined]);
    response.clearBody();
    expect([response.bodyKind, response.stream]).toEqual(["none", undefined]);
  });
});
