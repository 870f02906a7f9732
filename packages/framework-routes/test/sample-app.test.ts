import { describe, expect, test } from "vitest";
import { createSampleApp } from "./fixtures/sample-app.js";
import { call } from "./harness.js";

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

describe("the sample app (the three routes the matrix reuses)", () => {
  const app = createSampleApp();

  test("GET / is an HTML hello page", async () => {
    const response = await call(app, { url: "/" });
    expect(response.status).toBe(200);
    expect(response.header("content-type")).toBe("text/html; charset=utf-8");
    expect(response.text).toBe("Hello, world");
    expect(response.header("content-length")).toBe("12");
  });

  test("GET /api/greeting?name=Ada answers JSON", async () => {
    const response = await call(app, { url: "/api/greeting?name=Ada" });
    expect(response.status).toBe(200);
    expect(response.header("content-type")).toBe("application/json");
    expect(JSON.parse(response.text)).toEqual({ greeting: "Hello, Ada" });
  });

  test("GET /api/greeting without a name greets the world; the name is percent-decoded", async () => {
    expect(JSON.parse((await call(app, { url: "/api/greeting" })).text)).toEqual({ greeting: "Hello, world" });
    expect(JSON.parse((await call(app, { url: "/api/greeting?name=Ada%20Lovelace" })).text)).toEqual({ greeting: "Hello, Ada Lovelace" });
  });

  test("POST /echo echoes the urlencoded message as text/plain", async () => {
    const response = await call(app, { method: "POST", url: "/echo", headers: FORM, body: "message=hello%2C+world" });
    expect(response.status).toBe(200);
    expect(response.header("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.text).toBe("hello, world");
  });

  test("POST /echo without exactly one message is a 400 that says why", async () => {
    const response = await call(app, { method: "POST", url: "/echo", headers: FORM, body: "other=1" });
    expect(response.status).toBe(400);
    expect(response.text).toContain('send exactly one form field "message"');
  });

  test("POST /echo with a JSON body is a 415", async () => {
    const response = await call(app, { method: "POST", url: "/echo", headers: { "Content-Type": "application/json" }, body: '{"message":"x"}' });
    expect(response.status).toBe(415);
  });

  test("HEAD / has the GET headers and no body; GET /echo is a 405 with Allow", async () => {
    const head = await call(app, { method: "HEAD", url: "/" });
    expect(head.status).toBe(200);
    expect(head.header("content-length")).toBe("12");
    expect(head.body.length).toBe(0);
    const wrongMethod = await call(app, { url: "/echo" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.header("allow")).toBe("OPTIONS, POST");
  });
});
