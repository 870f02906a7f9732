import { callApp } from "@patchbay/gateway";
import type { Application } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import { MatrixError } from "../src/errors.js";
import { mountPrefix } from "../src/mount-prefix.js";

/** Answers "<name> SCRIPT_NAME|PATH_INFO", so a test sees which app ran and how the path was split. */
function echo(name: string): Application {
  return (environ, startResponse) => {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [`${name} ${environ.SCRIPT_NAME}|${environ.PATH_INFO}`];
  };
}

const app = mountPrefix("/mounted", echo("inner"))(echo("outer"));

describe("mountPrefix", () => {
  test("moves the prefix from PATH_INFO to SCRIPT_NAME for paths below it", async () => {
    expect((await callApp(app, { url: "/mounted/echo-environ?x=1" })).text).toBe("inner /mounted|/echo-environ");
  });

  test("the prefix itself reaches the mounted app with an empty PATH_INFO", async () => {
    expect((await callApp(app, { url: "/mounted" })).text).toBe("inner /mounted|");
  });

  test("appends to an existing SCRIPT_NAME", async () => {
    expect((await callApp(app, { url: "/outer/mounted/x", scriptName: "/outer" })).text).toBe("inner /outer/mounted|/x");
  });

  test("a path that only starts with the same letters goes to the wrapped app", async () => {
    expect((await callApp(app, { url: "/mountedness" })).text).toBe("outer |/mountedness");
    expect((await callApp(app, { url: "/" })).text).toBe("outer |/");
  });

  test("refuses a prefix without a leading slash or with a trailing one", () => {
    expect(() => mountPrefix("mounted", echo("inner"))).toThrow(MatrixError);
    expect(() => mountPrefix("/mounted/", echo("inner"))).toThrow(/does not end with "\/"/);
  });
});
