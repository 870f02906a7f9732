import type { Application, Environ } from "@patchbay/gateway";
import { expect, test } from "vitest";
import { MountTable } from "../src/mount-table.js";

/** An app that reports the SCRIPT_NAME and PATH_INFO it was given, tagged with its name. */
function reporter(name: string): Application {
  return (environ, startResponse) => {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [`${name} ${environ.SCRIPT_NAME} ${environ.PATH_INFO}`];
  };
}

const environFor = (scriptName: string, pathInfo: string): Environ => ({ SCRIPT_NAME: scriptName, PATH_INFO: pathInfo, REQUEST_METHOD: "GET" }) as Environ;
const startResponse = () => () => {};

test("dispatch shifts the prefix into SCRIPT_NAME, on a copy of the environ", () => {
  const table = new MountTable();
  table.add("/admin", reporter("admin"));
  const environ = environFor("/site", "/admin/users");
  expect(table.dispatch(environ, startResponse)).toEqual(["admin /site/admin /users"]);
  expect(table.dispatch(environFor("", "/admin"), startResponse)).toEqual(["admin /admin "]);
  expect(environ.PATH_INFO).toBe("/admin/users");
  expect(environ.SCRIPT_NAME).toBe("/site");
});

test("a prefix matches whole segments only; no match gives undefined", () => {
  const table = new MountTable();
  table.add("/admin", reporter("admin"));
  expect(table.dispatch(environFor("", "/administrator"), startResponse)).toBeUndefined();
  expect(table.dispatch(environFor("", "/"), startResponse)).toBeUndefined();
});

test("the longest prefix wins, whatever the order of mounting", () => {
  const table = new MountTable();
  expect(table.isEmpty).toBe(true);
  table.add("/api", reporter("api"));
  table.add("/api/v2", reporter("v2"));
  table.add("/a", reporter("a"));
  expect(table.isEmpty).toBe(false);
  expect(table.dispatch(environFor("", "/api/v2/x"), startResponse)).toEqual(["v2 /api/v2 /x"]);
  expect(table.dispatch(environFor("", "/api/v1"), startResponse)).toEqual(["api /api /v1"]);
  expect(table.dispatch(environFor("", "/a/b"), startResponse)).toEqual(["a /a /b"]);
});

test("add() refuses bad prefixes and non-functions", () => {
  const table = new MountTable();
  for (const prefix of ["", "/", "admin", "/admin/", "/<id>"]) {
    expect(() => table.add(prefix, reporter("x"))).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
  }
  expect(() => table.add("/x", "app" as never)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
});
