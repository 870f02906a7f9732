import { expect, test } from "vitest";
import { MAX_MULTIPART_PARTS, parseMultipart } from "../src/parse-multipart.js";
import { BOUNDARY, MULTIPART_TYPE, chunks, multipart } from "./harness.js";

test("parses fields and files, keeping repeated names and file bytes", async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
  const body = multipart([
    { name: "title", value: "Holiday" },
    { name: "tag", value: "sea" },
    { name: "tag", value: "sun" },
    { name: "photo", value: png, filename: "beach.png", type: "image/png" },
    { name: "notes", value: "line 1\r\nline 2", filename: "notes.txt" },
  ]);
  const form = await parseMultipart(MULTIPART_TYPE, chunks(body), 1024);
  expect(form.get("title")).toBe("Holiday");
  expect(form.getAll("tag")).toEqual(["sea", "sun"]);
  expect(form.has("photo")).toBe(false);
  const photo = form.files.get("photo");
  expect(photo).toMatchObject({ filename: "beach.png", type: "image/png" });
  expect([...(photo?.bytes ?? [])]).toEqual([...png]);
  expect(form.files.get("notes")).toMatchObject({ filename: "notes.txt", type: "text/plain" });
  expect(Buffer.from(form.files.get("notes")?.bytes ?? []).toString()).toBe("line 1\r\nline 2");
});

test("a body split into many small chunks parses the same", async () => {
  const body = multipart([
    { name: "a", value: "1" },
    { name: "f", value: "x".repeat(300), filename: "x.txt" },
  ]);
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; offset += 7) pieces.push(body.subarray(offset, offset + 7));
  const form = await parseMultipart(MULTIPART_TYPE, chunks(...pieces), 1024);
  expect(form.get("a")).toBe("1");
  expect(form.files.get("f")?.bytes.length).toBe(300);
});

test("UTF-8 field values and file names survive", async () => {
  const form = await parseMultipart(MULTIPART_TYPE, chunks(multipart([{ name: "city", value: "Zürich" }, { name: "doc", value: "x", filename: "résumé.txt" }])), 1024);
  expect(form.get("city")).toBe("Zürich");
  expect(form.files.get("doc")?.filename).toBe("résumé.txt");
});

test("a missing boundary, a truncated body and garbage are 400s", async () => {
  await expect(parseMultipart("multipart/form-data", chunks("x"), 1024)).rejects.toMatchObject({ code: "ERR_ROUTE_MALFORMED_FORM", status: 400 });
  const body = multipart([{ name: "a", value: "1" }]);
  await expect(parseMultipart(MULTIPART_TYPE, chunks(body.subarray(0, body.length - 10)), 1024)).rejects.toMatchObject({ status: 400 });
  await expect(parseMultipart(MULTIPART_TYPE, chunks(`--${BOUNDARY}\r\nno colon header\r\n\r\nx\r\n--${BOUNDARY}--\r\n`), 1024)).rejects.toMatchObject({ status: 400 });
});

test("a file or field over the limit is a 413", async () => {
  await expect(parseMultipart(MULTIPART_TYPE, chunks(multipart([{ name: "f", value: "x".repeat(101), filename: "big.bin" }])), 100)).rejects.toMatchObject({ code: "ERR_ROUTE_BODY_TOO_LARGE", status: 413 });
  await expect(parseMultipart(MULTIPART_TYPE, chunks(multipart([{ name: "f", value: "x".repeat(101) }])), 100)).rejects.toMatchObject({ status: 413 });
});

test(`more than ${MAX_MULTIPART_PARTS} parts is a 413`, async () => {
  const parts = Array.from({ length: MAX_MULTIPART_PARTS + 1 }, (_, index) => ({ name: `f${index}`, value: "v" }));
  await expect(parseMultipart(MULTIPART_TYPE, chunks(multipart(parts)), 1_000_000)).rejects.toMatchObject({ status: 413 });
});

test("an error from the body source passes through", async () => {
  async function* failing(): AsyncGenerator<Uint8Array> {
    yield Buffer.from(`--${BOUNDARY}\r\n`);
    throw Object.assign(new Error("client went away"), { status: 400 });
  }
  await expect(parseMultipart(MULTIPART_TYPE, failing(), 1024)).rejects.toThrow("client went away");
});
