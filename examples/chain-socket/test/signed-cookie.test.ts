// signValue / verifySignedValue: round trip, tampering, wrong secret, malformed input, weak secrets.
import { describe, expect, it } from "vitest";
import { MIN_SECRET_BYTES, assertStrongSecret, signValue, verifySignedValue } from "../src/signed-cookie.js";

const SECRET = "k".repeat(MIN_SECRET_BYTES);

describe("signed values", () => {
  it("verifies what it signed", () => {
    const signed = signValue("eyJ2IjoxfQ", SECRET);
    expect(signed).toMatch(/^eyJ2IjoxfQ\.[A-Za-z0-9_-]{43}$/);
    expect(verifySignedValue(signed, SECRET)).toBe("eyJ2IjoxfQ");
  });

  it("refuses a changed value, a changed signature, another secret and malformed strings", () => {
    const signed = signValue("value", SECRET);
    const signature = signed.slice("value.".length);
    expect(verifySignedValue(`valuE.${signature}`, SECRET)).toBeUndefined();
    expect(verifySignedValue(`value.${signature.slice(0, -2)}AA`, SECRET)).toBeUndefined();
    expect(verifySignedValue(signed, "x".repeat(MIN_SECRET_BYTES))).toBeUndefined();
    expect(verifySignedValue("value", SECRET)).toBeUndefined();
    expect(verifySignedValue(`.${signature}`, SECRET)).toBeUndefined();
    expect(verifySignedValue("value.", SECRET)).toBeUndefined();
  });

  it("refuses a secret shorter than 32 bytes", () => {
    expect(() => assertStrongSecret("short")).toThrow(expect.objectContaining({ code: "ERR_SITE_WEAK_SECRET" }));
    expect(() => assertStrongSecret(SECRET)).not.toThrow();
  });
});
