import { afterEach, describe, expect, it } from "vitest";
import { FIXTURES, killBins, spawnBin, startBin } from "./bin-process.js";

afterEach(() => {
  killBins();
});

describe("patchbay-loop bin: command line", () => {
  it("exits 2 with one line on stderr for a bad flag value", async () => {
    const bin = spawnBin(["--bind", "x"]);
    expect(await bin.exited).toBe(2);
    expect(bin.stderr()).toBe("patchbay-loop: error: --bind: expected HOST:PORT, [IPV6]:PORT or unix:PATH, got 'x'\n");
    expect(bin.stdout()).toBe("");
  });

  it("exits 2 with one line on stderr for an unknown flag", async () => {
    const bin = spawnBin(["--workers", "4"]);
    expect(await bin.exited).toBe(2);
    expect(bin.stderr()).toBe("patchbay-loop: error: unknown option --workers\n");
  });

  it("exits 2 with one line on stderr for a missing module and for a missing export", async () => {
    const missing = spawnBin([`${FIXTURES}nowhere.ts:app`]);
    expect(await missing.exited).toBe(2);
    expect(missing.stderr()).toBe(`patchbay-loop: error: cannot find module file ${FIXTURES}nowhere.ts (looked at ${FIXTURES}nowhere.ts)\n`);
    const noExport = spawnBin([`${FIXTURES}typed-app.ts:handler`]);
    expect(await noExport.exited).toBe(2);
    expect(noExport.stderr()).toBe(`patchbay-loop: error: ${FIXTURES}typed-app.ts has no export named 'handler' (it exports: app)\n`);
  });

  it("prints --help and --version and exits 0", async () => {
    const help = spawnBin(["--help"]);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(/^usage: patchbay-loop \[options\] \[path\/to\/module\.ts:export\]/);
    expect(help.stdout()).toContain("--graceful-timeout SECONDS");
    const version = spawnBin(["--version"]);
    expect(await version.exited).toBe(0);
    expect(version.stdout()).toMatch(/^patchbay-loop \d+\.\d+\.\d+\n$/);
  });
});

describe("patchbay-loop bin: serving", () => {
  it("loads a .ts app without a build step, injects --env, writes the access log, and stops on SIGTERM with exit 0", async () => {
    const { bin, origin } = await startBin(["--env", "app.mode=bin", "--access-log", "-", "--access-log-format", "%(m)s %(U)s %(s)s", `${FIXTURES}typed-app.ts:app`]);
    const response = await fetch(`${origin}/hello`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("typed app: /hello mode=bin");
    await expect.poll(() => bin.stdout(), { timeout: 5000 }).toBe("GET /hello 200\n");
    bin.child.kill("SIGTERM");
    expect(await bin.exited).toBe(0);
    expect(bin.stderr()).toMatch(/\[INFO\] Received SIGTERM: stopping gracefully/);
    expect(bin.stderr()).toMatch(/\[INFO\] Stopped\n$/);
  });

  it("finishes a request in flight when SIGTERM arrives, refuses new ones, then exits 0", async () => {
    const { bin, origin } = await startBin([`${FIXTURES}typed-app.ts`]);
    const inFlight = fetch(`${origin}/slow`);
    await bin.waitForStderr(/slow request started/);
    bin.child.kill("SIGTERM");
    await bin.waitForStderr(/Received SIGTERM/);
    await expect(fetch(`${origin}/late`)).rejects.toThrow(/fetch failed/);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get("connection")).toBe("close");
    expect(await response.text()).toBe("typed app: /slow mode=none");
    expect(await bin.exited).toBe(0);
  });

  it("serves the demo without a module: static index at /, the environ dump at /environ", async () => {
    const { bin, origin } = await startBin([]);
    expect(bin.stderr()).toMatch(/\[INFO\] No application given: serving the demo \(document root .*server-kit\/demo\/\)/);
    const index = await fetch(`${origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("etag")).toMatch(/^"/);
    expect(await index.text()).toContain('href="/environ"');
    const environ = await fetch(`${origin}/environ`);
    expect(environ.status).toBe(200);
    expect(await environ.text()).toContain("Hello world from a simple WSGI application!");
    bin.child.kill("SIGINT");
    expect(await bin.exited).toBe(0);
  });
});
