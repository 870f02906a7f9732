import { describe, expect, it } from "vitest";
import { pickMaxRequests, RESPAWN_BACKOFF_BASE_MS, RESPAWN_BACKOFF_MAX_MS, respawnDelayMs } from "../src/respawn-policy.js";

describe("respawnDelayMs", () => {
  it("respawns at once without early deaths, then doubles from the base up to the cap", () => {
    expect(respawnDelayMs(0)).toBe(0);
    expect(respawnDelayMs(1)).toBe(RESPAWN_BACKOFF_BASE_MS);
    expect(respawnDelayMs(2)).toBe(2 * RESPAWN_BACKOFF_BASE_MS);
    expect(respawnDelayMs(4)).toBe(8 * RESPAWN_BACKOFF_BASE_MS);
    expect(respawnDelayMs(30)).toBe(RESPAWN_BACKOFF_MAX_MS);
    expect(respawnDelayMs(10_000)).toBe(RESPAWN_BACKOFF_MAX_MS);
  });
});

describe("pickMaxRequests", () => {
  it("keeps 0 as never, and gives exactly N without jitter", () => {
    expect(pickMaxRequests(0, 50)).toBe(0);
    expect(pickMaxRequests(1000, 0, () => 0.99)).toBe(1000);
  });

  it("spreads N by ±jitter, inclusive at both ends", () => {
    expect(pickMaxRequests(1000, 50, () => 0)).toBe(950);
    expect(pickMaxRequests(1000, 50, () => 0.999999)).toBe(1050);
    expect(pickMaxRequests(1000, 50, () => 0.5)).toBe(1000);
  });

  it("never goes below one request", () => {
    expect(pickMaxRequests(3, 10, () => 0)).toBe(1);
  });
});
