import { describe, expect, test } from "vitest";
import { findResponders, hooksOfResource } from "../src/resource.js";
import type { ResourceHooks } from "../src/hooks.js";

describe("findResponders", () => {
  test("maps onX methods, own and inherited, to upper-case methods; the most derived wins", () => {
    class Base {
      onGet(): string {
        return "base get";
      }
      onDelete(): void {}
    }
    class Derived extends Base {
      override onGet(): string {
        return "derived get";
      }
      onPropfind(): void {}
      helper(): void {}
      online = true;
    }
    const responders = findResponders(new Derived());
    expect([...responders.keys()].sort()).toEqual(["DELETE", "GET", "PROPFIND"]);
    expect((responders.get("GET") as unknown as () => string)()).toBe("derived get");
  });

  test("plain objects and function-valued properties count; non-functions do not", () => {
    const responders = findResponders({ onGet: () => {}, onPost: "not a function" });
    expect([...responders.keys()]).toEqual(["GET"]);
  });

  test("a suffix selects on<Method><Suffix> and nothing else", () => {
    const resource = { onGet() {}, onGetItem() {}, onDeleteItem() {} };
    expect([...findResponders(resource, "Item").keys()]).toEqual(["GET", "DELETE"]);
    expect([...findResponders(resource).keys()]).toEqual(["GET"]);
  });

  test("no responders (or a typo) fails with the resource's name", () => {
    class Typo {
      onget(): void {}
    }
    expect(() => findResponders(new Typo())).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_NO_RESPONDERS", message: expect.stringContaining("Typo") as unknown }));
    expect(() => findResponders({ onGet() {} }, "item")).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_OPTION" }));
  });
});

describe("hooksOfResource", () => {
  test("reads the class's static hooks, then the instance's own", () => {
    const classHooks: ResourceHooks = { before: [] };
    const instanceHooks: ResourceHooks = { after: [] };
    class WithHooks {
      static hooks = classHooks;
      hooks = instanceHooks;
      onGet(): void {}
    }
    expect(hooksOfResource(new WithHooks())).toEqual([classHooks, instanceHooks]);
    expect(hooksOfResource({ onGet() {} })).toEqual([]);
  });
});
