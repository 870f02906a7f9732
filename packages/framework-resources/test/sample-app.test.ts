import { describe, expect, test } from "vitest";
import { createSampleApp } from "./fixtures/sample-app.js";
import { call, problemOf } from "./harness.js";

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

describe("the sample app (the three routes every framework shares)", () => {
  test("GET / answers an HTML hello page", async () => {
    const result = await call(createSampleApp(), { url: "/" });
    expect(result.status).toBe(200);
    expect(result.header("content-type")).toBe("text/html; charset=utf-8");
    expect(result.text).toBe("Hello, world");
    expect(result.header("content-length")).toBe("12");
  });

  test("GET /api/greeting?name=Ada answers JSON", async () => {
    const result = await call(createSampleApp(), { url: "/api/greeting?name=Ada" });
    expect(result.status).toBe(200);
    expect(result.header("content-type")).toBe("application/json");
    expect(JSON.parse(result.text)).toEqual({ greeting: "Hello, Ada" });
  });

  test("GET /api/greeting decodes the query (+ and percent escapes)", async () => {
    const result = await call(createSampleApp(), { url: "/api/greeting?name=Ada+L%C3%B6velace" });
    expect(JSON.parse(result.text)).toEqual({ greeting: "Hello, Ada Lövelace" });
  });

  test("POST /echo echoes the form field as text/plain", async () => {
    const result = await call(createSampleApp(), { method: "POST", url: "/echo", headers: FORM, body: "message=hi+there%21" });
    expect(result.status).toBe(200);
    expect(result.header("content-type")).toBe("text/plain; charset=utf-8");
    expect(result.text).toBe("hi there!");
  });

  test("POST /echo without the field is a 400 problem", async () => {
    const result = await call(createSampleApp(), { method: "POST", url: "/echo", headers: FORM, body: "other=1" });
    expect(result.status).toBe(400);
    expect(problemOf(result).detail).toContain("message");
  });

  test("POST /echo with a type no handler reads (XML) is a 415", async () => {
    const result = await call(createSampleApp(), { method: "POST", url: "/echo", headers: { "Content-Type": "application/xml" }, body: "<m/>" });
    expect(result.status).toBe(415);
    expect(problemOf(result).title).toBe("Unsupported Media Type");
  });

  test("GET /echo is a 405 with Allow", async () => {
    const result = await call(createSampleApp(), { url: "/echo" });
    expect(result.status).toBe(405);
    expect(result.header("allow")).toBe("POST, OPTIONS");
  });
});
