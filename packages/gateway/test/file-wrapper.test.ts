import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fileWrapper, isFileBody } from "../src/file-wrapper.js";

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
