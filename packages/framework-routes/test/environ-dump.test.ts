import { expect, test } from "vitest";
import { RouteApp } from "../src/route-app.js";
import { createEnvironApp } from "./fixtures/environ-app.js";
import { call } from "./harness.js";

test("GET /environ dumps the environ it was given as escaped text/html, then the tutorial's hello", async () => {
  const result = await call(createEnvironApp(), { url: "/environ?a=1&b=%3Cx%3E", headers: { "Accept-Language": "zh-cn", "X-Probe": "<script>" } });
  expect(result.status).toBe(200);
  expect(result.header("content-type")).toBe("text/html; charset=utf-8");
  const keys = result.text.slice("<pre>".length, result.text.indexOf("</pre>")).split("\n").map((line) => line.slice(0, line.indexOf(": ")));
  expect(keys).toEqual([...keys].sort());
  expect(keys).toEqual(expect.arrayContaining(["REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "SERVER_NAME", "SERVER_PORT", "REMOTE_ADDR", "REQUEST_URI", "gateway.input", "gateway.errors"]));
  for (const expected of [
    "REQUEST_METHOD: GET\n",
    "PATH_INFO: /environ\n",
    "SCRIPT_NAME: \n",
    "QUERY_STRING: a=1&amp;b=%3Cx%3E\n",
    "SERVER_PROTOCOL: HTTP/1.1\n",
    "HTTP_ACCEPT_LANGUAGE: zh-cn\n",
    "HTTP_X_PROBE: &lt;script&gt;\n",
    "gateway.version: [1, 0]",
    "gateway.url_scheme: http\n",
    // The class names vary (the validator wraps the streams), so only the rendering is checked.
    "gateway.input: &lt;",
    "gateway.errors: &lt;",
    "gateway.file_wrapper: &lt;function&gt;",
    "gateway.multithread: false",
  ]) {
    expect(result.text).toContain(expected);
  }
  expect(result.text).not.toContain("<script>");
  expect(result.text).toMatch(/<p>Hello world from a simple WSGI application!---&gt;\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/p>\n$/);
});

test("mounted, the dump shows the shifted SCRIPT_NAME and PATH_INFO", async () => {
  const site = new RouteApp();
  site.mount("/tools", createEnvironApp());
  const result = await call(site, { url: "/tools/environ" });
  expect(result.text).toContain("SCRIPT_NAME: /tools\n");
  expect(result.text).toContain("PATH_INFO: /environ\n");
  expect(result.text).toContain("REQUEST_URI: /tools/environ\n");
});
