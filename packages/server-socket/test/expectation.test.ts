// hasUnsupportedExpectation: which Expect fields get 417 (RFC 9110 §10.1.1).
import { describe, expect, it } from "vitest";
import { hasUnsupportedExpectation } from "../src/expectation.js";

describe("hasUnsupportedExpectation", () => {
  it("accepts no Expect field and 100-continue in any case, with OWS and empty members", () => {
    expect(hasUnsupportedExpectation(["Host", "a"])).toBe(false);
    expect(hasUnsupportedExpectation(["Expect", "100-continue"])).toBe(false);
    expect(hasUnsupportedExpectation(["EXPECT", " 100-Continue , "])).toBe(false);
  });

  it("refuses any other expectation, alone or in a list", () => {
    expect(hasUnsupportedExpectation(["Expect", "teapot"])).toBe(true);
    expect(hasUnsupportedExpectation(["expect", "100-continue, x=1"])).toBe(true);
    expect(hasUnsupportedExpectation(["Host", "a", "Expect", "100-continue", "Expect", "later"])).toBe(true);
  });
});
