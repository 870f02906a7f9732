// ConnectionDeadline: arming, "no limit", and taking a due timeout exactly once.
import { describe, expect, it } from "vitest";
import { ConnectionDeadline, TIMEOUT_BODY, TIMEOUT_HEAD, TIMEOUT_NONE } from "../src/connection-deadline.js";

describe("ConnectionDeadline", () => {
  it("is due at its time, once", () => {
    const deadline = new ConnectionDeadline();
    deadline.set(TIMEOUT_HEAD, 100, 1000);
    expect(deadline.takeDue(1099)).toBe(TIMEOUT_NONE);
    expect(deadline.takeDue(1100)).toBe(TIMEOUT_HEAD);
    expect(deadline.takeDue(5000)).toBe(TIMEOUT_NONE);
  });

  it("treats 0 milliseconds as no limit", () => {
    const deadline = new ConnectionDeadline();
    deadline.set(TIMEOUT_HEAD, 100, 1000);
    deadline.set(TIMEOUT_BODY, 0, 1000);
    expect(deadline.kind).toBe(TIMEOUT_NONE);
    expect(deadline.takeDue(Number.MAX_SAFE_INTEGER)).toBe(TIMEOUT_NONE);
  });

  it("keeps only the latest timeout", () => {
    const deadline = new ConnectionDeadline();
    deadline.set(TIMEOUT_HEAD, 100, 1000);
    deadline.set(TIMEOUT_BODY, 500, 1000);
    expect(deadline.takeDue(1200)).toBe(TIMEOUT_NONE);
    expect(deadline.takeDue(1500)).toBe(TIMEOUT_BODY);
  });
});
