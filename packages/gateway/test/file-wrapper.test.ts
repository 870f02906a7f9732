import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { FILE_BLOCK_BYTES, fileWrapper, isFileBody } from "../src/file-wrapper.js";

let directory = "";
let file = "";
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "patchbay-file-"));
  file = join(directory, "data.bin");
  await writeFile(file, "0123456789");
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function collect(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = "";
  for await (const chunk of body) text += Buffer.from(chunk).toString();
  return text;
}

test("streams the whole file in blocks", async () => {
  const body = fileWrapper(file, { blockSize: 3 });
  const sizes: number[] = [];
  for await (const chunk of body) sizes.push(chunk.length);
  expect(sizes).toEqual([3, 3, 3, 1]);
});

test("streams an inclusive byte range", async () => {
  expect(await collect(fileWrapper(file, { start: 2, end: 5 }))).toBe("2345");
});

test("is recognisable as a file body, and refuses to iterate once closed", async () => {
  const body = fileWrapper(file);
  expect(isFileBody(body)).toBe(true);
  expect(isFileBody(["x"])).toBe(false);
  await body.close();
  expect(() => body[Symbol.asyncIterator]()).toThrow(/closed/);
});

test("a range reaching past the end of the file stops at its end", async () => {
  expect(await collect(fileWrapper(file, { start: 8, end: 100 }))).toBe("89");
});

test("reads 256 KiB blocks by default", async () => {
  const sizes: number[] = [];
  const big = join(directory, "big.bin");
  await writeFile(big, Buffer.alloc(FILE_BLOCK_BYTES + 5));
  for await (const chunk of fileWrapper(big)) sizes.push(chunk.length);
  expect(FILE_BLOCK_BYTES).toBe(256 * 1024);
  expect(sizes).toEqual([FILE_BLOCK_BYTES, 5]);
});

test("close() during iteration ends the body after the block in hand", async () => {
  const body = fileWrapper(file, { blockSize: 3 });
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  expect(Buffer.from(first.value as Uint8Array).toString()).toBe("012");
  await body.close();
  expect((await iterator.next()).done).toBe(true);
});

test("close() while a read is in flight ends the body once the read settles", async () => {
  const body = fileWrapper(file, { blockSize: 3 });
  const iterator = body[Symbol.asyncIterator]();
  const pending = iterator.next();
  await body.close();
  expect((await pending).done).toBe(true);
});

test("a missing file rejects on first read", async () => {
  await expect(collect(fileWrapper(join(directory, "missing.bin")))).rejects.toMatchObject({ code: "ENOENT" });
});

test("each iteration reads the file with its own handle", async () => {
  const body = fileWrapper(file, { blockSize: 4 });
  const first = body[Symbol.asyncIterator]();
  const second = body[Symbol.asyncIterator]();
  expect(Buffer.from((await first.next()).value as Uint8Array).toString()).toBe("0123");
  expect(Buffer.from((await second.next()).value as Uint8Array).toString()).toBe("0123");
  await first.return?.();
  expect(Buffer.from((await second.next()).value as Uint8Array).toString()).toBe("4567");
  await second.return?.();
});
