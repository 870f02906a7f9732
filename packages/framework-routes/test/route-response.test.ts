import { parseSetCookie } from "cookie";
import { describe, expect, test } from "vitest";
import { HtmlString, raw } from "../src/html-string.js";
import { RouteResponse, html, json, redirect, stream, text } from "../src/route-response.js";
import { call } from "./harness.js";

function serve(response: RouteResponse) {
  return call((_environ, startResponse) => response.start(startResponse));
}

describe("response helpers", () => {
  test("text() is text/plain UTF-8 with a Content-Length", async () => {
    const result = await serve(text("héllo"));
    expect(result.status).toBe(200);
    expect(result.header("content-type")).toBe("text/plain; charset=utf-8");
    expect(result.header("content-length")).toBe("6");
    expect(result.text).toBe("héllo");
  });

  test("html(markup, init) is text/html with the given status", async () => {
    const result = await serve(html(html`<h1>${"Not <found>"}</h1>`, { status: 404 }));
    expect(result.status).toBe(404);
    expect(result.reason).toBe("Not Found");
    expect(result.header("content-type")).toBe("text/html; charset=utf-8");
    expect(result.text).toBe("<h1>Not &lt;found&gt;</h1>");
    expect(html("<p>x</p>").body).toBe("<p>x</p>");
  });

  test("json() serialises and refuses what JSON cannot represent", async () => {
    const result = await serve(json({ a: [1, "two", null] }, { status: 201, headers: { "X-Id": "7" } }));
    expect(result.status).toBe(201);
    expect(result.header("content-type")).toBe("application/json");
    expect(result.header("x-id")).toBe("7");
    expect(JSON.parse(result.text)).toEqual({ a: [1, "two", null] });
    expect(() => json(undefined)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_RESPONSE" }));
  });

  test("a Content-Type in init replaces the helper's default", () => {
    expect(json({}, { headers: { "content-type": "application/problem+json" } }).headers).toEqual([["content-type", "application/problem+json"]]);
    expect(text("x", { headers: [["Content-Type", "text/csv"]] }).header("content-type")).toBe("text/csv");
  });

  test("redirect() sets Location, defaults to 302, encodes what a URI cannot hold, and refuses non-3xx", async () => {
    const result = await serve(redirect("/caf\u00e9 menu?x=1\r\nSet-Cookie: evil"));
    expect(result.status).toBe(302);
    expect(result.header("location")).toBe("/caf%C3%A9%20menu?x=1%0D%0ASet-Cookie:%20evil");
    expect(result.body.length).toBe(0);
    expect(redirect("https://example.org/", 308).status).toBe(308);
    expect(() => redirect("/", 200)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_STATUS" }));
  });

  test("stream() sends chunks as they come, chunked, with the given type", async () => {
    async function* parts() {
      yield "one,";
      yield Buffer.from("two");
    }
    const result = await serve(stream(parts(), { headers: { "Content-Type": "text/csv" } }));
    expect(result.header("transfer-encoding")).toBe("chunked");
    expect(result.header("content-type")).toBe("text/csv");
    expect(result.text).toBe("one,two");
    expect(stream(["a"]).header("content-type")).toBe("application/octet-stream");
  });
});

describe("RouteResponse", () => {
  test("defaults: 200, empty body, no Content-Type; an empty body still has Content-Length 0", async () => {
    const response = new RouteResponse();
    expect(response.headers).toEqual([]);
    const result = await serve(response);
    expect(result.status).toBe(200);
    expect(result.header("content-length")).toBe("0");
  });

  test("status is validated at construction and when sent", async () => {
    expect(() => new RouteResponse("", { status: 99 })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_STATUS" }));
    expect(() => new RouteResponse("", { status: 101 })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_STATUS" }));
    const response = text("x");
    response.status = 600;
    expect(() => response.start(() => () => {})).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_STATUS" }));
  });

  test("setHeader replaces case-insensitively, appendHeader adds, deleteHeader removes all", () => {
    const response = text("x").setHeader("X-A", "1").appendHeader("x-a", "2").setHeader("CONTENT-TYPE", "text/markdown");
    expect(response.headers).toEqual([
      ["X-A", "1"],
      ["x-a", "2"],
      ["CONTENT-TYPE", "text/markdown"],
    ]);
    response.deleteHeader("x-A");
    expect(response.header("x-a")).toBeUndefined();
  });

  test("setCookie writes every attribute and defaults the path to /", () => {
    const expires = new Date("2030-01-01T00:00:00Z");
    const response = text("x")
      .setCookie("session", "a b;c", { maxAge: 3600, expires, domain: "example.org", path: "/app", httpOnly: true, secure: true, sameSite: "strict", partitioned: true, priority: "high" })
      .setCookie("theme", "dark");
    const cookies = response.headers.filter(([name]) => name === "Set-Cookie").map(([, value]) => value);
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toBe("session=a%20b%3Bc; Max-Age=3600; Domain=example.org; Path=/app; Expires=Tue, 01 Jan 2030 00:00:00 GMT; HttpOnly; Secure; Partitioned; Priority=High; SameSite=Strict");
    expect(parseSetCookie(cookies[0] as string)).toMatchObject({ name: "session", value: "a b;c", maxAge: 3600, httpOnly: true, secure: true, sameSite: "strict" });
    expect(cookies[1]).toBe("theme=dark; Path=/");
  });

  test("deleteCookie expires the cookie on the same path and domain", () => {
    const header = text("x").deleteCookie("session", { path: "/app", domain: "example.org" }).header("set-cookie");
    expect(header).toBe("session=; Max-Age=0; Domain=example.org; Path=/app; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  });

  test("an invalid cookie name or attribute is ERR_ROUTE_INVALID_COOKIE", () => {
    expect(() => text("x").setCookie("bad name", "v")).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_COOKIE" }));
    expect(() => text("x").setCookie("ok", "v", { domain: "bad domain;" })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_COOKIE" }));
  });

  test("start() hands a whole body as a one-element array and an iterable as is", () => {
    const iterable = stream(["a", "b"]);
    const started: string[] = [];
    const startResponse = (status: string) => {
      started.push(status);
      return () => {};
    };
    expect(text("x").start(startResponse)).toEqual(["x"]);
    expect(iterable.start(startResponse)).toBe(iterable.body);
    expect(started).toEqual(["200 OK", "200 OK"]);
  });

  test("HtmlString bodies come from the html tag, not from plain strings", () => {
    expect(html`x`).toBeInstanceOf(HtmlString);
    expect(html(raw("<p>")).body).toBe("<p>");
  });
});
