// greetingApp in memory (no socket): the page it builds from the environ, and its escaping.
import { callApp } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { greetingApp } from "../src/greeting-app.js";

describe("greetingApp", () => {
  it("lists method, path, query string and user agent", async () => {
    const result = await callApp(greetingApp, { method: "POST", url: "/x?y=2", headers: { "User-Agent": "t" }, body: "ignored" });
    expect(result.status).toBe(200);
    expect(result.text).toContain("<tr><th>REQUEST_METHOD</th><td>POST</td></tr>");
    expect(result.text).toContain("<tr><th>PATH_INFO</th><td>/x</td></tr>");
    expect(result.text).toContain("<tr><th>QUERY_STRING</th><td>y=2</td></tr>");
    expect(result.text).toContain("<tr><th>HTTP_USER_AGENT</th><td>t</td></tr>");
  });

  it("escapes markup from the request and shows an absent User-Agent as empty", async () => {
    const result = await callApp(greetingApp, { url: "/%3Cb%3E%22" });
    expect(result.text).toContain("<tr><th>PATH_INFO</th><td>/&lt;b&gt;&quot;</td></tr>");
    expect(result.text).toContain("<tr><th>HTTP_USER_AGENT</th><td></td></tr>");
  });
});
