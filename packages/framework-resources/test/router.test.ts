import { describe, expect, test } from "vitest";
import { BUILT_IN_CONVERTERS } from "../src/converters.js";
import { Router } from "../src/router.js";
import { compileTemplate } from "../src/uri-template.js";

function routerOf(...templates: string[]): Router<string> {
  const router = new Router<string>();
  for (const template of templates) router.add(compileTemplate(template, BUILT_IN_CONVERTERS), template);
  return router;
}

describe("Router.find", () => {
  test("static routes match exactly, and reuse one frozen match", () => {
    const router = routerOf("/", "/things", "/things/");
    expect(router.find("/")?.target).toBe("/");
    expect(router.find("")?.target).toBe("/");
    expect(router.find("/things")?.target).toBe("/things");
    expect(router.find("/things/")?.target).toBe("/things/");
    expect(router.find("/thing")).toBeUndefined();
    expect(router.find("/things")).toBe(router.find("/things"));
    expect(Object.isFrozen(router.find("/things")?.params)).toBe(true);
  });

  test("an empty path is the root, with or without a static root route", () => {
    const withRoot = routerOf("/{name}", "/");
    expect(withRoot.find("")).toBe(withRoot.find("/"));
    const withoutRoot = routerOf("/things", "/{name}");
    expect(withoutRoot.find("")).toBeUndefined();
    expect(withoutRoot.find("/")).toBeUndefined();
  });

  test("fields capture one non-empty segment and converters convert", () => {
    const router = routerOf("/things/{id:int}/parts/{part}");
    expect(router.find("/things/5/parts/wheel")).toEqual({ target: "/things/{id:int}/parts/{part}", params: { id: 5, part: "wheel" }, template: "/things/{id:int}/parts/{part}" });
    expect(router.find("/things/5/parts/")).toBeUndefined();
    expect(router.find("/things//parts/wheel")).toBeUndefined();
    expect(router.find("/things/x/parts/wheel")).toBeUndefined();
  });

  test("a literal segment beats a field, a converted field beats a plain one, whatever the order added", () => {
    const router = routerOf("/things/{name}", "/things/{id:int}", "/things/new");
    expect(router.find("/things/new")?.target).toBe("/things/new");
    expect(router.find("/things/12")?.params).toEqual({ id: 12 });
    expect(router.find("/things/twelve")?.params).toEqual({ name: "twelve" });
  });

  test("a compound segment beats a whole-segment field", () => {
    const router = routerOf("/files/{name}", "/files/{base}.{ext}");
    expect(router.find("/files/a.txt")?.params).toEqual({ base: "a", ext: "txt" });
    expect(router.find("/files/README")?.params).toEqual({ name: "README" });
  });

  test("a compound segment's converters must all accept, else it does not match", () => {
    const router = routerOf("/v{major:int}.{minor:int}");
    expect(router.find("/v2.10")?.params).toEqual({ major: 2, minor: 10 });
    expect(router.find("/v2.x")).toBeUndefined();
  });

  test("when a preferred branch fails deeper down, the next one is tried (backtracking)", () => {
    const router = routerOf("/a/static/x", "/a/{field}/y");
    expect(router.find("/a/static/y")?.params).toEqual({ field: "static" });
    expect(router.find("/a/static/x")?.target).toBe("/a/static/x");
  });

  test("captures from a failed branch do not leak into the match", () => {
    const router = routerOf("/{a:int}/{b:int}/end", "/{name}/{other}/{last}");
    expect(router.find("/1/2/other")?.params).toEqual({ name: "1", other: "2", last: "other" });
  });

  test("a path field takes the rest, slashes included, and comes after every other branch", () => {
    const router = routerOf("/static/{rest:path}", "/static/special");
    expect(router.find("/static/css/site.css")?.params).toEqual({ rest: "css/site.css" });
    expect(router.find("/static/special")?.target).toBe("/static/special");
    expect(router.find("/static/")).toBeUndefined();
    expect(router.find("/static")).toBeUndefined();
  });

  test("routes sharing a prefix share tree nodes and still match independently", () => {
    const router = routerOf("/users/{id:int}", "/users/{id:int}/posts", "/users/{id:int}/posts/{post:int}");
    expect(router.find("/users/1")?.target).toBe("/users/{id:int}");
    expect(router.find("/users/1/posts")?.target).toBe("/users/{id:int}/posts");
    expect(router.find("/users/1/posts/2")?.params).toEqual({ id: 1, post: 2 });
  });

  test("a path that does not start with / never matches", () => {
    expect(routerOf("/{x}").find("x")).toBeUndefined();
  });

  test("adding the same template twice is refused; so is a second path field at one place", () => {
    expect(() => routerOf("/a/{id:int}", "/a/{id:int}")).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_DUPLICATE_ROUTE" }));
    expect(() => routerOf("/a", "/a")).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_DUPLICATE_ROUTE" }));
    expect(() => routerOf("/s/{a:path}", "/s/{b:path}")).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_DUPLICATE_ROUTE" }));
  });

  test("literal children are matched whole, both below and above the few compared in place", () => {
    for (const count of [1, 4, 5, 12]) {
      const literals = Array.from({ length: count }, (_, index) => `/api/item${index}/{id}`);
      const router = routerOf("/api/{name}/{id}", "/api/item/{id}", ...literals);
      for (let index = 0; index < count; index++) expect(router.find(`/api/item${index}/7`)?.target).toBe(`/api/item${index}/{id}`);
      expect(router.find("/api/item/7")?.target).toBe("/api/item/{id}");
      // A literal that is a prefix or an extension of the segment is not a match: the field takes it.
      expect(router.find("/api/ite/7")?.params).toEqual({ name: "ite", id: "7" });
      expect(router.find("/api/item0x/7")?.params).toEqual({ name: "item0x", id: "7" });
      expect(router.find(`/api/item${count}/7`)?.params).toEqual({ name: `item${count}`, id: "7" });
      expect(router.find("/api//7")).toBeUndefined();
    }
  });

  test("a hundred routes each find their own target", () => {
    const templates = Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? `/r${index}/items` : `/r${index}/{id:int}`));
    const router = routerOf(...templates);
    for (let index = 0; index < 100; index++) {
      const match = router.find(index % 2 === 0 ? `/r${index}/items` : `/r${index}/${index}`);
      expect(match?.target).toBe(templates[index]);
    }
  });
});
