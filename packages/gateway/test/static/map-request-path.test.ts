import { expect, test } from "vitest";
import { mapRequestPath } from "../../src/static/map-request-path.js";

test("maps plain paths to relative paths, noting a trailing slash", () => {
  expect(mapRequestPath("/css/site.css", "deny")).toEqual({ kind: "path", relativePath: "css/site.css", trailingSlash: false });
  expect(mapRequestPath("/docs/", "deny")).toEqual({ kind: "path", relativePath: "docs", trailingSlash: true });
  expect(mapRequestPath("/", "deny")).toEqual({ kind: "path", relativePath: "", trailingSlash: true });
  expect(mapRequestPath("", "deny")).toEqual({ kind: "path", relativePath: "", trailingSlash: false });
});

test("collapses repeated slashes", () => {
  expect(mapRequestPath("//a///b", "deny")).toEqual({ kind: "path", relativePath: "a/b", trailingSlash: false });
});

test('refuses "." and ".." segments, NUL and backslashes under every dotfile policy', () => {
  for (const dotfiles of ["deny", "ignore", "allow"] as const) {
    for (const path of ["/../etc/passwd", "/a/../../b", "/a/..", "/./a", "/a\0.txt", "/a\\..\\b", "/.hidden/../../x"]) {
      expect(mapRequestPath(path, dotfiles)).toEqual({ kind: "forbidden" });
    }
  }
});

test("a literal %2e%2e is an ordinary name (PATH_INFO is decoded once, by the server)", () => {
  expect(mapRequestPath("/%2e%2e/secret", "deny")).toEqual({ kind: "path", relativePath: "%2e%2e/secret", trailingSlash: false });
});

test("dotfile segments follow the policy; .well-known is always allowed; dots inside names are fine", () => {
  expect(mapRequestPath("/.env", "deny")).toEqual({ kind: "forbidden" });
  expect(mapRequestPath("/a/.git/config", "ignore")).toEqual({ kind: "ignored" });
  expect(mapRequestPath("/.env", "allow")).toEqual({ kind: "path", relativePath: ".env", trailingSlash: false });
  expect(mapRequestPath("/.well-known/acme-challenge/x", "deny")).toEqual({ kind: "path", relativePath: ".well-known/acme-challenge/x", trailingSlash: false });
  expect(mapRequestPath("/a.b/c..d", "deny")).toEqual({ kind: "path", relativePath: "a.b/c..d", trailingSlash: false });
});
