import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../src/start-server-process.js";

const FAKE_BIN = fileURLToPath(new URL("fixtures/fake-server-bin.js", import.meta.url));

const started: ServerProcess[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startServerProcess", () => {
  it("runs the bin on 127.0.0.1 port 0, with the given env, and reads its URL, child pids and problem lines", async () => {
    const chunks: string[] = [];
    const server = await startServerProcess({ bin: FAKE_BIN, args: ["serve"], env: { FAKE_WARNING: "careful" }, onStderr: (text) => void chunks.push(text) });
    started.push(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/`)).text()).toBe(`pid ${server.pid}`);
    expect(server.childPids()).toEqual([server.pid]);
    expect(server.problemLines()).toEqual(["[WARNING] careful"]);
    expect(chunks.join("")).toBe(server.stderr());
  });

  it("stops it with SIGTERM and waits for it to exit; close() twice is one stop", async () => {
    const server = await startServerProcess({ bin: FAKE_BIN, args: ["serve"] });
    await Promise.all([server.close(), server.close()]);
    expect(isAlive(server.pid)).toBe(false);
  });

  it("kills it by PID when it ignores SIGTERM for longer than stopTimeoutMs", async () => {
    const server = await startServerProcess({ bin: FAKE_BIN, args: ["stubborn"], stopTimeoutMs: 200 });
    started.push(server);
    await server.close();
    expect(isAlive(server.pid)).toBe(false);
  });

  it("rejects with its stderr when it exits before listening", async () => {
    await expect(startServerProcess({ bin: FAKE_BIN, args: ["crash"] })).rejects.toThrow(/fake-server-bin\.js exited before it logged "Listening at"; its stderr:\n\[CRITICAL\] cannot start/);
  });

  it("rejects, and stops it, when it stays silent past startTimeoutMs", async () => {
    await expect(startServerProcess({ bin: FAKE_BIN, args: ["silent"], startTimeoutMs: 300 })).rejects.toThrow(/did not log within 300 ms "Listening at"/);
  });
});
