// The 10 MiB body of the big-upload scenario and its digest, built once per process; scenarios send and check it.
import { createHash } from "node:crypto";
import { LARGE_UPLOAD_BYTES } from "./contract.js";

let body: Uint8Array | undefined;
let digest: string | undefined;

/** LARGE_UPLOAD_BYTES bytes of a pattern that does not repeat every 256 bytes. Built on first use, then shared (never mutate it). */
export function uploadBody(): Uint8Array {
  if (body === undefined) {
    body = new Uint8Array(LARGE_UPLOAD_BYTES);
    for (let index = 0; index < LARGE_UPLOAD_BYTES; index++) body[index] = (index * 31 + (index >>> 10)) & 0xff;
  }
  return body;
}

/** The hex SHA-256 of uploadBody(), computed once. */
export function uploadBodySha256(): string {
  digest ??= createHash("sha256").update(uploadBody()).digest("hex");
  return digest;
}
