import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { callApp, type Application } from "@patchbay/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareApplication } from "../src/prepare-application.js";

/** Echoes what it saw, so a test can tell the app answered and not the static middleware. */
const echoApp: Application = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [`app saw ${environ.PATH_INFO} mode=${String(environ["app.mode"])} region=${String(environ.REGION)}`];
};

let root: string;
let assets: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "patchbay-prepare-"));
  assets = join(root, "assets-directory");
  await mkdir(assets);
  await writeFile(join(root, "hello.txt"), "hello from the root\n");
  await writeFile(join(assets, "site.css"), "body { color: red }\n");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const NOTHING = { root: undefined, static: [], staticCacheControl: undefined, environ: {} };

describe("prepareApplication", () => {
  it("returns the app itself when neither static files nor --env are configured", () => {
    expect(prepareApplication(echoApp, NOTHING)).toBe(echoApp);
  });

  it("injects --env keys into every environ", async () => {
    const app = prepareApplication(echoApp, { ...NOTHING, environ: { "app.mode": "test", REGION: "eu" } });
    expect((await callApp(app, { url: "/x" })).text).toBe("app saw /x mode=test region=eu");
    expect((await callApp(app, { url: "/y" })).text).toBe("app saw /y mode=test region=eu");
  });

  it("serves an existing file from the document root and hands anything else to the app", async () => {
    const app = prepareApplication(echoApp, { ...NOTHING, root, environ: { "app.mode": "static" } });
    const file = await callApp(app, { url: "/hello.txt" });
    expect(file.status).toBe(200);
    expect(file.text).toBe("hello from the root\n");
    expect(file.header("etag")).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const dynamic = await callApp(app, { url: "/not-a-file" });
    expect(dynamic.text).toBe("app saw /not-a-file mode=static region=undefined");
  });

  it("serves prefix mounts with the configured Cache-Control", async () => {
    const app = prepareApplication(echoApp, { ...NOTHING, static: [{ prefix: "/assets", directory: assets }], staticCacheControl: "public, max-age=60" });
    const css = await callApp(app, { url: "/assets/site.css" });
    expect(css.status).toBe(200);
    expect(css.text).toBe("body { color: red }\n");
    expect(css.header("cache-control")).toBe("public, max-age=60");
    expect(css.header("content-type")).toMatch(/^text\/css/);
    expect((await callApp(app, { url: "/elsewhere" })).text).toBe("app saw /elsewhere mode=undefined region=undefined");
  });

  it("fails at startup for a document root that does not exist", () => {
    expect(() => prepareApplication(echoApp, { ...NOTHING, root: join(root, "missing") })).toThrow(/missing/);
  });
});
