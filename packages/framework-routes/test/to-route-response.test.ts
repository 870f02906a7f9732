import { expect, test } from "vitest";
import { raw } from "../src/html-string.js";
import { RouteResponse, text } from "../src/route-response.js";
import { toRouteResponse } from "../src/to-route-response.js";

test("a RouteResponse is kept as is", () => {
  const response = text("x");
  expect(toRouteResponse(response)).toBe(response);
});

test("each result kind gets its content type", () => {
  expect(toRouteResponse("hi").header("content-type")).toBe("text/plain; charset=utf-8");
  expect(toRouteResponse(raw("<b>")).header("content-type")).toBe("text/html; charset=utf-8");
  expect(toRouteResponse(new Uint8Array([1, 2])).header("content-type")).toBe("application/octet-stream");
  const json = toRouteResponse({ a: 1 });
  expect(json.header("content-type")).toBe("application/json");
  expect(json.body).toBe('{"a":1}');
  expect(toRouteResponse([1, 2]).body).toBe("[1,2]");
  expect(toRouteResponse(Object.assign(Object.create(null) as object, { b: 2 })).body).toBe('{"b":2}');
});

test("an async iterable is streamed", async () => {
  async function* body() {
    yield "a";
  }
  const iterable = body();
  const response = toRouteResponse(iterable);
  expect(response.body).toBe(iterable);
  expect(response).toBeInstanceOf(RouteResponse);
});

test("anything else is ERR_ROUTE_INVALID_RESPONSE, naming what was returned", () => {
  expect(() => toRouteResponse(undefined)).toThrow(/returned undefined/);
  expect(() => toRouteResponse(null)).toThrow(/returned null/);
  expect(() => toRouteResponse(42)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_RESPONSE" }));
  expect(() => toRouteResponse(new Map())).toThrow(/returned a Map/);
});
