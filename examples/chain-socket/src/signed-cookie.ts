// Signs and verifies cookie values with HMAC-SHA256 (node:crypto); knows nothing of sessions or HTTP.
import { createHmac, timingSafeEqual } from "node:crypto";
import { SiteError } from "./errors.js";

/** Shortest secret accepted, in bytes: HMAC-SHA256's output size (RFC 2104 §3 advises at least L bytes). */
export const MIN_SECRET_BYTES = 32;

/** The separator between a value and its signature; it never occurs in base64url. */
const SEPARATOR = ".";

function mac(value: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(value).digest();
}

/** Checks a secret's length once, when a signer is built; throws SiteError ERR_SITE_WEAK_SECRET. */
export function assertStrongSecret(secret: string): void {
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new SiteError("ERR_SITE_WEAK_SECRET", `the session secret must be at least ${MIN_SECRET_BYTES} bytes long`);
  }
}

/** Returns `value.signature`, the signature being the base64url HMAC-SHA256 of `value` under `secret`. `value` must not contain ".". */
export function signValue(value: string, secret: string): string {
  return `${value}${SEPARATOR}${mac(value, secret).toString("base64url")}`;
}

/**
 * Returns the value of a `value.signature` string when the signature is right under `secret`, else
 * undefined. The comparison takes the same time wherever the signatures differ (timingSafeEqual), so
 * a client cannot guess a signature byte by byte.
 */
export function verifySignedValue(signed: string, secret: string): string | undefined {
  const separator = signed.lastIndexOf(SEPARATOR);
  if (separator <= 0) return undefined;
  const value = signed.slice(0, separator);
  const given = Buffer.from(signed.slice(separator + 1), "base64url");
  const expected = mac(value, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
}
