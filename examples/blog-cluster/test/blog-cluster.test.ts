// The guestbook on real servers over 127.0.0.1: static CSS and image, the page, POST/redirect/GET, refusals, persistence.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getOnNewConnection } from "@patchbay/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BLOG_SERVERS, type RunningBlog } from "./fixtures/blog-servers.js";

function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${url}/`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

describe.each([...BLOG_SERVERS])("blog-cluster on server-%s", (_serverName, startBlog) => {
  let dataDir: string;
  let blog: RunningBlog;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "patchbay-blog-"));
    blog = await startBlog(dataDir);
  });

  afterAll(async () => {
    await blog.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves the page with its stylesheet, image and an empty guestbook", async () => {
    const response = await fetch(`${blog.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const page = await response.text();
    expect(page).toContain('<link rel="stylesheet" href="/style.css">');
    expect(page).toContain('src="/patch-panel.png"');
    expect(page).toContain('<form class="entry-form" method="post" action="/">');
    expect(page).toContain("No entries yet");
  });

  it("serves style.css and patch-panel.png from the document root", async () => {
    const css = await fetch(`${blog.url}/style.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await css.text()).toContain("--accent: #f28c28;");

    const image = await fetch(`${blog.url}/patch-panel.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });

  it("stores a posted entry, answers 303 to the page, and shows the entry escaped", async () => {
    const posted = await postForm(blog.url, { name: "Ada <admin>", message: "Hello & <b>welcome</b>" });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/#entry-1");

    const page = await (await fetch(`${blog.url}/`)).text();
    expect(page).toContain('id="entry-1"');
    expect(page).toContain("Hello &amp; &lt;b&gt;welcome&lt;/b&gt;");
    expect(page).toContain("Ada &lt;admin&gt;");
    expect(page).not.toContain("<b>welcome</b>");
    expect(page).not.toContain("No entries yet");
  });

  it("lists entries newest first and keeps them in the JSON file", async () => {
    expect((await postForm(blog.url, { name: "Grace", message: "Second" })).status).toBe(303);
    const page = await (await fetch(`${blog.url}/`)).text();
    expect(page.indexOf('id="entry-2"')).toBeGreaterThan(-1);
    expect(page.indexOf('id="entry-2"')).toBeLessThan(page.indexOf('id="entry-1"'));

    const stored = JSON.parse(await readFile(join(dataDir, "entries.json"), "utf8")) as { id: number; name: string; message: string }[];
    expect(stored.map(({ id, name, message }) => ({ id, name, message }))).toEqual([
      { id: 1, name: "Ada <admin>", message: "Hello & <b>welcome</b>" },
      { id: 2, name: "Grace", message: "Second" },
    ]);
  });

  it("shows every entry on every new connection (under server-cluster, whichever worker answers)", async () => {
    for (let index = 0; index < 6; index++) {
      const page = await getOnNewConnection(`${blog.url}/`);
      expect(page).toContain('id="entry-2"');
      expect(page).toContain('id="entry-1"');
    }
  });

  it("refuses an incomplete form with 422, the problems and the visitor's text", async () => {
    const response = await postForm(blog.url, { name: "  ", message: "kept <text>" });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("Please give your name.");
    expect(page).toContain(">kept &lt;text&gt;</textarea>");
    const stored = JSON.parse(await readFile(join(dataDir, "entries.json"), "utf8")) as unknown[];
    expect(stored).toHaveLength(2);
  });

  it("refuses a form body over 16 KiB with 413 and keeps serving", async () => {
    const response = await postForm(blog.url, { name: "big", message: "x".repeat(20 * 1024) });
    expect(response.status).toBe(413);
    expect((await fetch(`${blog.url}/`)).status).toBe(200);
  });

  it("answers 405 with Allow for another method and 404 elsewhere", async () => {
    const deleted = await fetch(`${blog.url}/`, { method: "DELETE" });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect((await fetch(`${blog.url}/nothing-here`)).status).toBe(404);
  });

  it("shows the stored entries after a restart on the same data dir", async () => {
    await blog.close();
    blog = await startBlog(dataDir);
    const page = await (await fetch(`${blog.url}/`)).text();
    expect(page).toContain('id="entry-2"');
    expect(page).toContain('id="entry-1"');
  });

  it("logged no warning or error", () => {
    expect(blog.logLines).toEqual([]);
  });
});
