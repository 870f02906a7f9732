import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ContentCache } from "../../src/static/content-cache.js";
import { resolveResource, type ResolveContext } from "../../src/static/resolve-resource.js";
import { resolveStaticOptions, type StaticArea, type StaticOptions } from "../../src/static/static-options.js";

let base = "";
let root = "";
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "patchbay-resolve-"));
  root = join(base, "root");
  await mkdir(join(root, "dir"), { recursive: true });
  await mkdir(join(root, "bare"));
  await writeFile(join(root, "page.html"), "<p>page</p>");
  await writeFile(join(root, "page.html.gz"), "gz");
  await writeFile(join(root, "dir", "index.html"), "index");
  await writeFile(join(base, "outside.txt"), "outside");
  await symlink(join(base, "outside.txt"), join(root, "escape.txt"));
  await symlink(join(base, "outside.txt"), join(root, "page2.html"));
  await writeFile(join(root, "page2.html.br"), "sibling of an escaping link");
  await symlink(join(base, "outside.txt"), join(root, "dir", "index.htm"));
});
afterAll(() => rm(base, { recursive: true, force: true }));

function context(options: Partial<StaticOptions> = {}): { area: StaticArea; context: ResolveContext } {
  const resolved = resolveStaticOptions({ root, ...options });
  return { area: resolved.areas[0] as StaticArea, context: { options: resolved, contentCache: new ContentCache(resolved.memoryCacheMaxBytes, resolved.memoryCacheMaxFileBytes) } };
}

test("a file resolves with its type, real path, siblings and bytes in memory", async () => {
  const { area, context: resolveContext } = context();
  const resolution = await resolveResource(area, "page.html", false, resolveContext);
  if (resolution.kind !== "file") throw new Error(`expected a file, got ${resolution.kind}`);
  expect(resolution.resource.identity).toMatchObject({ filePath: join(root, "page.html"), size: 11, contentType: "text/html; charset=utf-8" });
  expect(Buffer.from(resolution.resource.identity.bytes ?? []).toString()).toBe("<p>page</p>");
  expect(resolution.resource.codings).toEqual(["gzip"]);
  expect(resolution.resource.variants[0]?.filePath).toBe(join(root, "page.html.gz"));
});

test("misses, redirects and forbidden real paths", async () => {
  const { area, context: resolveContext } = context();
  expect(await resolveResource(area, "nope.txt", false, resolveContext)).toEqual({ kind: "miss" });
  expect(await resolveResource(area, "page.html/x", false, resolveContext)).toEqual({ kind: "miss" });
  expect(await resolveResource(area, "dir", false, resolveContext)).toEqual({ kind: "redirect" });
  expect(await resolveResource(area, "bare", true, resolveContext)).toEqual({ kind: "miss" });
  expect(await resolveResource(area, "escape.txt", false, resolveContext)).toEqual({ kind: "forbidden" });
});

test("an index file that is a symlink out of the root is skipped", async () => {
  const { area, context: resolveContext } = context({ index: ["index.htm", "index.html"] });
  const resolution = await resolveResource(area, "dir", true, resolveContext);
  expect(resolution.kind === "file" && resolution.resource.identity.filePath).toBe(join(root, "dir", "index.html"));
});

test("an unchanged file reuses the previous resource object; a changed one gets a new one", async () => {
  const { area, context: resolveContext } = context();
  const first = await resolveResource(area, "page.html", false, resolveContext);
  const again = await resolveResource(area, "page.html", false, resolveContext, first);
  expect(again).toBe(first);
  await writeFile(join(root, "page.html"), "<p>changed page</p>");
  const changed = await resolveResource(area, "page.html", false, resolveContext, again);
  expect(changed).not.toBe(first);
  expect(changed.kind === "file" && Buffer.from(changed.resource.identity.bytes ?? []).toString()).toBe("<p>changed page</p>");
});

test("a cacheControl function returning an invalid header value is an error with status 500", async () => {
  const { area, context: resolveContext } = context({ cacheControl: () => "bad\nvalue" });
  await expect(resolveResource(area, "page.html", false, resolveContext)).rejects.toMatchObject({ code: "ERR_STATIC_INVALID_OPTION", status: 500 });
});
