import { fileURLToPath } from "node:url";
import { callApp } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXPORT_NAMES, loadApplication, parseApplicationReference } from "../src/load-application.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

describe("parseApplicationReference", () => {
  it("splits at the last colon followed by an identifier", () => {
    expect(parseApplicationReference("app.ts:app")).toEqual({ modulePath: "app.ts", exportName: "app" });
    expect(parseApplicationReference("./src/main.ts:$handler_2")).toEqual({ modulePath: "./src/main.ts", exportName: "$handler_2" });
    expect(parseApplicationReference("app.ts")).toEqual({ modulePath: "app.ts", exportName: undefined });
    // A Windows drive letter or a colon inside the path is not an export name.
    expect(parseApplicationReference("C:/apps/app.ts")).toEqual({ modulePath: "C:/apps/app.ts", exportName: undefined });
    expect(parseApplicationReference(":app")).toEqual({ modulePath: ":app", exportName: undefined });
  });
});

describe("loadApplication", () => {
  it("loads a TypeScript module without a build step, export 'app' by default", async () => {
    expect(DEFAULT_EXPORT_NAMES).toEqual(["app", "application"]);
    const app = await loadApplication("typed-app.ts", { cwd: FIXTURES });
    const result = await callApp(app);
    expect(result.status).toBe(200);
    expect(result.text).toBe("hello from typescript");
  });

  it("loads a named export", async () => {
    const app = await loadApplication(`${FIXTURES}typed-app.ts:other`);
    expect((await callApp(app)).text).toBe("other");
  });

  it("falls back to 'application' in a JavaScript module", async () => {
    const app = await loadApplication("application-export.mjs", { cwd: FIXTURES });
    expect((await callApp(app)).text).toBe("hello from javascript");
  });

  it("reports a missing file in one line", async () => {
    await expect(loadApplication("nowhere.ts:app", { cwd: FIXTURES })).rejects.toMatchObject({
      code: "ERR_KIT_MODULE_NOT_FOUND",
      message: `cannot find module file nowhere.ts (looked at ${FIXTURES}nowhere.ts)`,
    });
    await expect(loadApplication(FIXTURES)).rejects.toMatchObject({ code: "ERR_KIT_MODULE_NOT_FOUND" });
  });

  it("reports a missing export, naming what the module does export", async () => {
    await expect(loadApplication("typed-app.ts:missing", { cwd: FIXTURES })).rejects.toMatchObject({
      code: "ERR_KIT_EXPORT_NOT_FOUND",
      message: "typed-app.ts has no export named 'missing' (it exports: app, notAFunction, other)",
    });
    await expect(loadApplication("no-application.ts", { cwd: FIXTURES })).rejects.toMatchObject({
      code: "ERR_KIT_EXPORT_NOT_FOUND",
      message: "no-application.ts has no export named 'app' or 'application' (it exports: helper)",
    });
  });

  it("reports an export that is not a function", async () => {
    await expect(loadApplication("typed-app.ts:notAFunction", { cwd: FIXTURES })).rejects.toMatchObject({
      code: "ERR_KIT_EXPORT_NOT_FOUND",
      message: "typed-app.ts exports 'notAFunction' but it is a number, not an application function",
    });
  });

  it("reports a module that throws while loading, first line only, the error as cause", async () => {
    const error: unknown = await loadApplication("throws-on-load.ts", { cwd: FIXTURES }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "ERR_KIT_MODULE_LOAD_FAILED", message: "error while loading throws-on-load.ts: database unreachable" });
    expect(((error as Error).cause as Error).message).toContain("second line of detail");
  });
});
