// Tests for chain-response.ts: status rules, header storage and validation, ctx.type.
import { describe, expect, test } from "vitest";
import { ChainResponse, defaultContentType, headerListWithDefault, setDefaultContentType } from "../src/chain-response.js";

describe("ChainResponse", () => {
  test("status: 404 by default, 200 once a body is set, 204 for a null body", () => {
    const response = new ChainResponse();
    expect(response.status).toBe(404);
    response.body = "x";
    expect(response.status).toBe(200);
    response.body = null;
    expect(response.status).toBe(204);
    expect(response.hasExplicitStatus).toBe(false);
  });

  test("an explicit status survives setting a body", () => {
    const response = new ChainResponse();
    response.status = 418;
    response.body = "teapot";
    expect(response.status).toBe(418);
    expect(response.hasExplicitStatus).toBe(true);
  });

  test.each([100, 199, 600, 20.5, Number.NaN])("refuses status %s", (status) => {
    expect(() => {
      new ChainResponse().status = status;
    }).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_STATUS" }));
  });

  test("headers: case-insensitive set/get/has/remove, first-set order and spelling kept", () => {
    const response = new ChainResponse();
    response.set("X-B", "1");
    response.set("x-a", "2");
    response.set("X-B", "3");
    expect(response.get("x-b")).toBe("3");
    expect(response.has("X-A")).toBe(true);
    expect(response.toHeaderList()).toEqual([["X-B", "3"], ["x-a", "2"]]);
    response.remove("X-B");
    expect(response.has("x-b")).toBe(false);
  });

  test("a header removed and set again moves to the end; replacing keeps its place", () => {
    const response = new ChainResponse();
    response.set("A", "1");
    response.set("B", "2");
    response.set("C", "3");
    response.remove("a");
    response.set("a", "4");
    response.set("B", "5");
    expect(response.toHeaderList()).toEqual([["B", "5"], ["C", "3"], ["a", "4"]]);
    response.remove("nothing");
    expect(response.toHeaderList()).toHaveLength(3);
  });

  test("the header list: one header, one repeated header, and headers set again after reset", () => {
    const response = new ChainResponse();
    expect(response.toHeaderList()).toEqual([]);
    response.set("X-One", "1");
    expect(response.toHeaderList()).toEqual([["X-One", "1"]]);
    response.set("X-One", ["a", "b"]);
    expect(response.toHeaderList()).toEqual([["X-One", "a"], ["X-One", "b"]]);
    response.reset();
    response.append("Set-Cookie", "a=1");
    response.append("Set-Cookie", "b=2");
    response.set("X-Two", "2");
    expect(response.toHeaderList()).toEqual([["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"], ["X-Two", "2"]]);
  });

  test("a shared default Content-Type is never changed by one response's later edits", () => {
    const shared = defaultContentType("text/plain; charset=utf-8");
    const first = new ChainResponse();
    setDefaultContentType(first, shared);
    first.append("content-type", "extra");
    first.set("X-After", "1");
    expect(first.toHeaderList()).toEqual([["Content-Type", "text/plain; charset=utf-8"], ["Content-Type", "extra"], ["X-After", "1"]]);
    first.set("Content-Type", "text/html");
    const second = new ChainResponse();
    setDefaultContentType(second, shared);
    expect(second.toHeaderList()).toEqual([["Content-Type", "text/plain; charset=utf-8"]]);
    second.set("Content-Type", "application/json");
    setDefaultContentType(second, shared);
    expect(second.get("content-type")).toBe("application/json");
  });

  test("headerListWithDefault: a header-less response shares the default's store, and later edits copy it", () => {
    const shared = defaultContentType("text/plain; charset=utf-8");
    const first = new ChainResponse();
    const list = headerListWithDefault(first, shared);
    expect(list).toEqual([["Content-Type", "text/plain; charset=utf-8"]]);
    list.push(["X-Pushed", "1"]); // the list is the caller's: a fresh array each time
    expect(headerListWithDefault(new ChainResponse(), shared)).toEqual([["Content-Type", "text/plain; charset=utf-8"]]);
    expect(first.get("content-type")).toBe("text/plain; charset=utf-8");
    first.append("Content-Type", "extra");
    first.set("X-After", "1");
    first.remove("x-after");
    const second = new ChainResponse();
    headerListWithDefault(second, shared);
    second.set("Content-Type", "application/json");
    const third = new ChainResponse();
    headerListWithDefault(third, shared);
    third.remove("content-type");
    expect(first.toHeaderList()).toEqual([["Content-Type", "text/plain; charset=utf-8"], ["Content-Type", "extra"]]);
    expect(second.toHeaderList()).toEqual([["Content-Type", "application/json"]]);
    expect(third.toHeaderList()).toEqual([]);
    expect(shared.alone).toEqual([shared.entry]);
    const typed = new ChainResponse();
    typed.set("X-Own", "1");
    expect(headerListWithDefault(typed, shared)).toEqual([["X-Own", "1"], ["Content-Type", "text/plain; charset=utf-8"]]);
  });

  test("headers is a lower-case snapshot", () => {
    const response = new ChainResponse();
    response.set("X-Multi", ["a", "b"]);
    response.set("Content-Type", "text/plain");
    expect(response.headers).toEqual({ "x-multi": "a, b", "content-type": "text/plain" });
  });

  test("arrays and append produce repeated fields (Set-Cookie)", () => {
    const response = new ChainResponse();
    response.set("Set-Cookie", ["a=1", "b=2"]);
    response.append("Set-Cookie", "c=3");
    response.append("Vary", "Accept");
    expect(response.toHeaderList()).toEqual([["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"], ["Set-Cookie", "c=3"], ["Vary", "Accept"]]);
    expect(response.get("set-cookie")).toBe("a=1, b=2, c=3");
  });

  test.each([
    ["Bad Name", "x"],
    ["X-Injected", "a\r\nSet-Cookie: evil=1"],
    ["X-Wide", "snowman ☃"],
    ["Connection", "close"],
    ["Transfer-Encoding", "chunked"],
    ["Status", "200"],
  ])("refuses header %s: %s", (name, value) => {
    expect(() => new ChainResponse().set(name, value)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_HEADER" }));
  });

  test("type: shorthands, full types, a charset added to text and JSON", () => {
    const response = new ChainResponse();
    response.type = "html";
    expect(response.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.type).toBe("text/html");
    response.type = "image/png";
    expect(response.get("content-type")).toBe("image/png");
    response.type = "text/csv";
    expect(response.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(() => {
      response.type = "nonsense";
    }).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
  });

  test("type shorthands replace Content-Type in its place and stay per response", () => {
    const first = new ChainResponse();
    first.set("X-Before", "1");
    first.set("content-type", "text/csv");
    first.set("X-After", "2");
    first.type = ".json";
    expect(first.toHeaderList()).toEqual([["X-Before", "1"], ["Content-Type", "application/json; charset=utf-8"], ["X-After", "2"]]);
    first.append("Content-Type", "extra");
    const second = new ChainResponse();
    second.type = ".json";
    expect(second.toHeaderList()).toEqual([["Content-Type", "application/json; charset=utf-8"]]);
    second.type = "text";
    second.type = "txt";
    expect(second.toHeaderList()).toEqual([["Content-Type", "text/plain; charset=utf-8"]]);
  });

  test("reset forgets everything", () => {
    const response = new ChainResponse();
    response.status = 201;
    response.body = "x";
    response.set("X-A", "1");
    response.reset();
    expect(response.status).toBe(404);
    expect(response.body).toBeUndefined();
    expect(response.hasExplicitStatus).toBe(false);
    expect(response.toHeaderList()).toEqual([]);
  });
});
