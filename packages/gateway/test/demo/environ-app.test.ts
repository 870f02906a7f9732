import { describe, expect, test } from "vitest";
import { callApp } from "../../src/call-app.js";
import { environApp } from "../../src/demo/environ-app.js";
import { validate } from "../../src/validate/validate.js";
import { createCollector, rulesOf, runValidated } from "../spec/run-validated.js";

describe("environApp (the tutorial's first application)", () => {
  test("answers 200 text/html with the environ dump, the greeting and the time", async () => {
    const result = await callApp(environApp, { url: "/index.html?lang=zh", headers: { "Accept-Language": "zh-cn" } });
    expect(result.status).toBe(200);
    expect(result.reason).toBe("OK");
    expect(result.header("content-type")).toBe("text/html");
    expect(result.text).toMatch(/^\{'REQUEST_METHOD': 'GET', /);
    expect(result.text).toContain("'PATH_INFO': '/index.html'");
    expect(result.text).toContain("'QUERY_STRING': 'lang=zh'");
    expect(result.text).toContain("'HTTP_ACCEPT_LANGUAGE': 'zh-cn'");
    expect(result.text).toContain("'gateway.version': (1, 0)");
    expect(result.text).toContain("'gateway.multithread': False");
    expect(result.text).toMatch(/'gateway\.input': &lt;\w+&gt;/);
    // time.ctime(): "Tue Nov 24 19:23:08 2026", day of month padded with a space.
    expect(result.text).toMatch(/\}==Hello world from a simple WSGI application!--->[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\n$/);
    expect(result.header("content-length")).toBe(String(result.body.length));
  });

  test("escapes request data, since the dump is served as HTML", async () => {
    const result = await callApp(environApp, { headers: { "User-Agent": "<script>alert('x')</script>" } });
    expect(result.text).not.toContain("<script>");
    expect(result.text).toContain("&lt;script&gt;alert(\\'x\\')&lt;/script&gt;");
  });

  test("runs through callApp and validate with no violation or warning", async () => {
    const collected = createCollector();
    const viaCallApp = await callApp(validate(environApp, collected.options), { method: "POST", body: "ignored" });
    expect(viaCallApp.status).toBe(200);
    const run = await runValidated(environApp, { method: "HEAD" });
    expect(run.sink.body.length).toBe(0);
    expect(rulesOf(collected)).toEqual([]);
    expect(collected.warnings).toEqual([]);
    expect(rulesOf(run)).toEqual([]);
    expect(run.warnings).toEqual([]);
  });
});
