import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fileWrapper } from "../../src/file-wrapper.js";
import { createMultipartRanges } from "../../src/static/multipart-ranges-body.js";
import type { Body, FileBody } from "../../src/types.js";

const CONTENT = "abcdefghijklmnopqrstuvwxyz";
let directory = "";
let file = "";
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "patchbay-multipart-"));
  file = join(directory, "letters.txt");
  await writeFile(file, CONTENT);
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function collect(body: Body): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("latin1");
}

function expectedBody(boundary: string): string {
  return (
    `--${boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-2/26\r\n\r\nabc` +
    `\r\n--${boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 20-25/26\r\n\r\nuvwxyz` +
    `\r\n--${boundary}--\r\n`
  );
}

const RANGES = [{ start: 0, end: 2 }, { start: 20, end: 25 }];

test("from memory: an array body laid out per RFC 9110 §14.6 with an exact length", async () => {
  const multipart = createMultipartRanges(RANGES, 26, "text/plain", Buffer.from(CONTENT));
  const boundary = /boundary=([0-9a-f]+)$/.exec(multipart.contentType)?.[1] as string;
  expect(multipart.contentType).toBe(`multipart/byteranges; boundary=${boundary}`);
  expect(Array.isArray(multipart.body)).toBe(true);
  const text = await collect(multipart.body);
  expect(text).toBe(expectedBody(boundary));
  expect(multipart.length).toBe(Buffer.byteLength(text, "latin1"));
});

test("from disk: the same bytes streamed through the file wrapper, each range closed after use", async () => {
  const opened: FileBody[] = [];
  const closed: FileBody[] = [];
  const multipart = createMultipartRanges(RANGES, 26, "text/plain", (start, end) => {
    const body = fileWrapper(file, { start, end });
    opened.push(body);
    const close = body.close.bind(body);
    body.close = () => (closed.push(body), close());
    return body;
  });
  const boundary = /boundary=([0-9a-f]+)$/.exec(multipart.contentType)?.[1] as string;
  const text = await collect(multipart.body);
  expect(text).toBe(expectedBody(boundary));
  expect(multipart.length).toBe(text.length);
  expect(opened).toHaveLength(2);
  expect(closed).toEqual(opened);
});

test("a new random boundary per response", () => {
  const first = createMultipartRanges(RANGES, 26, "text/plain", Buffer.from(CONTENT));
  const second = createMultipartRanges(RANGES, 26, "text/plain", Buffer.from(CONTENT));
  expect(first.contentType).not.toBe(second.contentType);
});

test("close() stops the stream and closes the range being sent", async () => {
  let openCount = 0;
  const multipart = createMultipartRanges(RANGES, 26, "text/plain", (start, end) => {
    openCount++;
    return fileWrapper(file, { start, end });
  });
  const iterator = (multipart.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  await iterator.next(); // first part's head
  await iterator.next(); // first part's bytes: its file range is open
  await multipart.body.close?.();
  const rest: Uint8Array[] = [];
  for (let result = await iterator.next(); result.done !== true; result = await iterator.next()) rest.push(result.value);
  expect(openCount).toBe(1);
  expect(rest).toEqual([]);
});
