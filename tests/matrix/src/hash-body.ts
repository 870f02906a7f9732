// Hashes a request body as it streams in (POST /upload): never buffers it, so a 10 MB upload costs one chunk of memory.
import { createHash } from "node:crypto";
import type { UploadDigest } from "./contract.js";

/** Reads `chunks` to the end and answers their total byte length and hex SHA-256 (an empty iterable: 0 bytes). */
export async function hashBody(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<UploadDigest> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { bytes, sha256: hash.digest("hex") };
}
