import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { callApp } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { DEMO_ENVIRON_PATH, DEMO_ROOT, demoApplication } from "../src/demo-application.js";
import { prepareApplication } from "../src/prepare-application.js";

describe("demoApplication", () => {
  it("answers /environ with the tutorial's environ dump", async () => {
    expect(DEMO_ENVIRON_PATH).toBe("/environ");
    const result = await callApp(demoApplication, { url: "/environ?greeting=hi", headers: { "User-Agent": "demo-test" } });
    expect(result.status).toBe(200);
    expect(result.header("content-type")).toMatch(/^text\/html/);
    expect(result.text).toContain("'PATH_INFO': '/environ'");
    expect(result.text).toContain("'QUERY_STRING': 'greeting=hi'");
    expect(result.text).toContain("'HTTP_USER_AGENT': 'demo-test'");
    expect(result.text).toContain("Hello world from a simple WSGI application!");
  });

  it("answers 404 for any other path that reaches it", async () => {
    const result = await callApp(demoApplication, { url: "/missing" });
    expect(result.status).toBe(404);
    expect(result.text).toContain("/environ");
  });
});

describe("the demo site", () => {
  const app = prepareApplication(demoApplication, { root: DEMO_ROOT, static: [], staticCacheControl: undefined, environ: {} });

  it("serves index.html at / and it links to the dynamic environ dump", async () => {
    const index = await callApp(app, { url: "/" });
    expect(index.status).toBe(200);
    expect(index.header("content-type")).toMatch(/^text\/html/);
    expect(index.text).toBe(await readFile(join(DEMO_ROOT, "index.html"), "utf8"));
    expect(index.text).toContain('href="/environ"');
    expect(index.text).toContain('href="/style.css"');
    expect(index.text).toContain('src="/patchbay.svg"');
  });

  it("serves the style sheet, the image and the second page", async () => {
    const css = await callApp(app, { url: "/style.css" });
    expect(css.status).toBe(200);
    expect(css.header("content-type")).toMatch(/^text\/css/);
    const svg = await callApp(app, { url: "/patchbay.svg" });
    expect(svg.status).toBe(200);
    expect(svg.header("content-type")).toBe("image/svg+xml");
    expect(svg.text).toContain("<svg");
    const about = await callApp(app, { url: "/about.html" });
    expect(about.status).toBe(200);
    expect(about.text).toContain("<html");
  });

  it("hands /environ to the demo application", async () => {
    const result = await callApp(app, { url: "/environ" });
    expect(result.status).toBe(200);
    expect(result.text).toContain("Hello world from a simple WSGI application!");
  });
});
