/** Reads a whole request body into memory under a byte limit; it never reads past the limit. */
import type { InputStream } from "@patchbay/gateway";
import { BodyTooLargeError } from "./errors.js";

const EMPTY = new Uint8Array(0);

/**
 * Reads `input` to its end and returns the bytes. A declared length over `limitBytes` fails at once,
 * before reading; a body that grows past the limit fails as soon as it does (RFC 9110 §15.5.14: 413).
 */
export async function readBody(input: InputStream, limitBytes: number, declaredLength?: number): Promise<Uint8Array> {
  if (declaredLength !== undefined && declaredLength > limitBytes) throw new BodyTooLargeError(limitBytes);
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of input) {
    total += chunk.length;
    if (total > limitBytes) throw new BodyTooLargeError(limitBytes);
    parts.push(chunk);
  }
  if (parts.length === 0) return EMPTY;
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts, total);
}
