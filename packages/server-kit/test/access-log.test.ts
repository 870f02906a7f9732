import { mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openAccessLog } from "../src/access-log.js";
import type { AccessRecord } from "../src/server-types.js";

function record(target: string): AccessRecord {
  return {
    remoteAddress: "127.0.0.1",
    method: "GET",
    target,
    protocol: "HTTP/1.1",
    status: 200,
    bytesSent: 5,
    referer: undefined,
    userAgent: undefined,
    startedAt: Date.now(),
    durationMicros: 10,
    requestHeader: () => undefined,
  };
}

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "patchbay-access-log-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("openAccessLog", () => {
  it("appends one formatted line per request to a file", async () => {
    const path = join(directory, "access.log");
    const log = await openAccessLog({ destination: path, format: "%(m)s %(U)s %(s)s" });
    log.write(record("/one"));
    log.write(record("/two"));
    await log.close();
    expect(await readFile(path, "utf8")).toBe("GET /one 200\nGET /two 200\n");
    const again = await openAccessLog({ destination: path, format: "%(U)s" });
    again.write(record("/three"));
    await again.close();
    expect(await readFile(path, "utf8")).toBe("GET /one 200\nGET /two 200\n/three\n");
  });

  it("reopen() starts writing to a new file at the same path after rotation", async () => {
    const path = join(directory, "access.log");
    const rotated = join(directory, "access.log.1");
    const log = await openAccessLog({ destination: path, format: "%(U)s" });
    log.write(record("/before"));
    // Renaming keeps the inode: the open descriptor goes on writing to the rotated file.
    await rename(path, rotated);
    log.reopen();
    log.write(record("/after"));
    await log.close();
    // The old stream is ended by reopen(); give it a moment to flush its last line.
    await vi.waitFor(async () => expect(await readFile(rotated, "utf8")).toBe("/before\n"), { timeout: 2000 });
    expect(await readFile(path, "utf8")).toBe("/after\n");
  });

  it("writes to stdout for '-'", async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const log = await openAccessLog({ destination: "-", format: "%(m)s %(U)s" });
      log.write(record("/stdout"));
      log.reopen();
      await log.close();
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual(["GET /stdout\n"]);
  });

  it("fails at open time for a path it cannot write, and for a bad format", async () => {
    await expect(openAccessLog({ destination: join(directory, "missing", "access.log") })).rejects.toMatchObject({
      code: "ERR_KIT_INVALID_OPTION",
      message: expect.stringMatching(/^cannot open access log .*missing\/access\.log: ENOENT$/) as unknown as string,
    });
    await expect(openAccessLog({ destination: "" })).rejects.toMatchObject({ code: "ERR_KIT_INVALID_OPTION" });
    await expect(openAccessLog({ destination: join(directory, "a.log"), format: "%(nope)s" })).rejects.toThrow(/unknown variable %\(nope\)s/);
  });
});
