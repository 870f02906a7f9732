// The 5 MiB body of GET /large and its digest, built once per process; apps send it, scenarios check it.
import { createHash } from "node:crypto";
import { LARGE_RESPONSE_BYTES } from "./contract.js";

let body: Uint8Array<ArrayBuffer> | undefined;
let digest: string | undefined;

/**
 * The GET /large body: LARGE_RESPONSE_BYTES bytes of a pattern that does not repeat every 256 bytes, so a
 * dropped, doubled or reordered block changes the digest. Built on first use, then shared (never mutate it).
 */
export function largeBody(): Uint8Array<ArrayBuffer> {
  if (body === undefined) {
    body = new Uint8Array(LARGE_RESPONSE_BYTES);
    for (let index = 0; index < LARGE_RESPONSE_BYTES; index++) body[index] = (index ^ (index >>> 8) ^ (index >>> 16)) & 0xff;
  }
  return body;
}

/** The hex SHA-256 of largeBody(), computed once. */
export function largeBodySha256(): string {
  digest ??= createHash("sha256").update(largeBody()).digest("hex");
  return digest;
}
