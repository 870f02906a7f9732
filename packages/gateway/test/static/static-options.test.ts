import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { resolveStaticOptions, type StaticOptions } from "../../src/static/static-options.js";

let base = "";
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "patchbay-static-options-"));
  await mkdir(join(base, "a"));
  await mkdir(join(base, "b"));
  await writeFile(join(base, "file.txt"), "x");
});
afterAll(() => rm(base, { recursive: true, force: true }));

test("applies the documented defaults", () => {
  const resolved = resolveStaticOptions({ root: join(base, "a") });
  expect(resolved).toMatchObject({
    index: ["index.html"],
    dotfiles: "deny",
    cacheControl: undefined,
    precompressed: true,
    etag: true,
    lastModified: true,
    statCacheMs: 1000,
    statCacheMaxEntries: 1024,
    memoryCacheMaxFileBytes: 1048576,
    memoryCacheMaxBytes: 33554432,
  });
  expect(resolved.areas).toEqual([{ prefix: "", directory: resolve(base, "a") }]);
});

test("orders areas longest prefix first, root last, and trims a trailing slash", () => {
  const resolved = resolveStaticOptions({
    root: join(base, "a"),
    mounts: [{ prefix: "/static/", directory: join(base, "b") }, { prefix: "/static/img", directory: join(base, "a") }],
  });
  expect(resolved.areas.map((area) => area.prefix)).toEqual(["/static/img", "/static", ""]);
});

test("a string cacheControl becomes a constant policy", () => {
  expect(resolveStaticOptions({ root: join(base, "a"), cacheControl: "no-cache" }).cacheControl?.("x.css")).toBe("no-cache");
});

test.each<[string, StaticOptions]>([
  ["no root and no mounts", {}],
  ["a missing root", { root: "/definitely/not/here" }],
  ["a root that is a file", { root: "FILE" }],
  ["a prefix without a leading slash", { mounts: [{ prefix: "static", directory: "A" }] }],
  ["a prefix with ..", { mounts: [{ prefix: "/a/../b", directory: "A" }] }],
  ["a prefix given twice", { mounts: [{ prefix: "/s", directory: "A" }, { prefix: "/s/", directory: "A" }] }],
  ['root and a "/" mount', { root: "A", mounts: [{ prefix: "/", directory: "A" }] }],
  ["an index name with a slash", { root: "A", index: ["a/index.html"] }],
  ["an index name ..", { root: "A", index: [".."] }],
  ["an unknown dotfiles policy", { root: "A", dotfiles: "hide" as "deny" }],
  ["a negative statCacheMs", { root: "A", statCacheMs: -1 }],
  ["a fractional memoryCacheMaxBytes", { root: "A", memoryCacheMaxBytes: 1.5 }],
  ["a non-boolean etag", { root: "A", etag: "yes" as unknown as boolean }],
  ["a Cache-Control value with a newline", { root: "A", cacheControl: "no-cache\r\nX-Evil: 1" }],
])("rejects %s with ERR_STATIC_INVALID_OPTION", (_label, options) => {
  const withPaths = JSON.parse(JSON.stringify(options).replaceAll('"A"', JSON.stringify(join(base, "a"))).replaceAll('"FILE"', JSON.stringify(join(base, "file.txt")))) as StaticOptions;
  expect(() => resolveStaticOptions(withPaths)).toThrow(expect.objectContaining({ code: "ERR_STATIC_INVALID_OPTION", name: "StaticError" }));
});
