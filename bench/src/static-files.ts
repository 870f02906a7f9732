// Writes the static files the bench serves (13 B, 1 KiB, 64 KiB, 1 MiB) into a scratch folder; creates, never deletes.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HELLO_TEXT } from "../apps/hello-response.js";

/** The folder every server serves under the URL prefix /static. */
export const STATIC_URL_PREFIX = "/static";

/** The file name for a size, e.g. "file-65536.txt". */
export function staticFileName(sizeBytes: number): string {
  return `file-${sizeBytes}.txt`;
}

/** "13 B", "1 KiB", "64 KiB", "1 MiB". */
export function formatSize(sizeBytes: number): string {
  if (sizeBytes >= 1024 * 1024 && sizeBytes % (1024 * 1024) === 0) return `${sizeBytes / (1024 * 1024)} MiB`;
  if (sizeBytes >= 1024 && sizeBytes % 1024 === 0) return `${sizeBytes / 1024} KiB`;
  return `${sizeBytes} B`;
}

function fileBytes(sizeBytes: number): Buffer {
  if (sizeBytes === HELLO_TEXT.length) return Buffer.from(HELLO_TEXT, "utf8");
  const line = Buffer.from("The quick brown fox jumps over the lazy dog. 0123456789\n", "latin1");
  const bytes = Buffer.alloc(sizeBytes);
  for (let offset = 0; offset < sizeBytes; offset += line.length) line.copy(bytes, offset, 0, Math.min(line.length, sizeBytes - offset));
  return bytes;
}

/**
 * Creates `root/static/file-N.txt` for each size and returns the static folder (`root/static`): the patchbay
 * servers mount it at /static; sirv, send and nginx serve `root`, so the URL is /static/file-N.txt everywhere.
 */
export function writeStaticFiles(root: string, sizes: readonly number[]): string {
  const directory = join(root, "static");
  mkdirSync(directory, { recursive: true });
  for (const size of sizes) writeFileSync(join(directory, staticFileName(size)), fileBytes(size));
  return directory;
}
