// Tests for the shared sample app (test/fixtures/sample-app.ts) that the matrix reuses.
import { describe, expect, test } from "vitest";
import { createSampleApp } from "./fixtures/sample-app.js";
import { send } from "./harness.js";

describe("the shared sample app", () => {
  const app = createSampleApp();

  test("GET / answers the hello page as text/html", async () => {
    const response = await send(app, { url: "/" });
    expect(response.status).toBe(200);
    expect(response.header("content-type")).toBe("text/html; charset=utf-8");
    expect(response.text).toBe("Hello, world");
    expect(response.header("content-length")).toBe("12");
  });

  test("GET /api/greeting?name=Ada answers JSON", async () => {
    const response = await send(app, { url: "/api/greeting?name=Ada" });
    expect(response.status).toBe(200);
    expect(response.header("content-type")).toBe("application/json; charset=utf-8");
    expect(JSON.parse(response.text)).toEqual({ greeting: "Hello, Ada" });
  });

  test("GET /api/greeting without a name greets the world", async () => {
    const response = await send(app, { url: "/api/greeting" });
    expect(JSON.parse(response.text)).toEqual({ greeting: "Hello, world" });
  });

  test("POST /echo echoes the urlencoded message field as text/plain", async () => {
    const response = await send(app, {
      method: "POST",
      url: "/echo",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "message=hi+there%21",
    });
    expect(response.status).toBe(200);
    expect(response.header("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.text).toBe("hi there!");
  });

  test("POST /echo without the field answers 400 with a clear message", async () => {
    const response = await send(app, { method: "POST", url: "/echo", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "other=1" });
    expect(response.status).toBe(400);
    expect(response.text).toBe('form field "message" is required');
  });

  test("POST /echo with JSON answers 415", async () => {
    const response = await send(app, { method: "POST", url: "/echo", headers: { "Content-Type": "application/json" }, body: '{"message":"hi"}' });
    expect(response.status).toBe(415);
    expect(response.text).toContain("application/json");
  });

  test("GET /echo answers 405 with Allow; an unknown path 404", async () => {
    const wrongMethod = await send(app, { url: "/echo" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.header("allow")).toBe("POST, OPTIONS");
    const missing = await send(app, { url: "/nowhere" });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe("Not Found");
  });
});
