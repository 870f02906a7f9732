// sessions() in memory: a fresh session, a kept one, no cookie when nothing changed, expiry inside the signature.
import { ChainApp } from "@patchbay/framework-chain";
import { callApp } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { sessions, type SessionState } from "../src/sessions.js";

const SECRET = "session-test-secret-session-test-secret";

function appAt(clock: { now: number }, countVisit: boolean) {
  const app = new ChainApp<SessionState>();
  app.use(sessions<SessionState>({ secret: SECRET, maxAgeSeconds: 60, now: () => clock.now }));
  app.use((context) => {
    if (countVisit) context.state.session.visits += 1;
    context.body = String(context.state.session.visits);
  });
  return app.application;
}

function cookieOf(headers: [string, string][]): string | undefined {
  return headers.find(([name, value]) => name.toLowerCase() === "set-cookie" && value.startsWith("session="))?.[1].split(";")[0];
}

describe("sessions", () => {
  it("starts at zero visits, keeps the session in the cookie, and expires it after maxAgeSeconds", async () => {
    const clock = { now: 1_000_000 };
    const app = appAt(clock, true);
    const first = await callApp(app);
    expect(first.text).toBe("1");
    const cookie = cookieOf(first.headers);
    expect(cookie).toBeDefined();

    const second = await callApp(app, { headers: { Cookie: cookie ?? "" } });
    expect(second.text).toBe("2");

    clock.now += 61_000;
    const expired = await callApp(app, { headers: { Cookie: cookie ?? "" } });
    expect(expired.text).toBe("1");
  });

  it("sends no cookie when the session did not change", async () => {
    const result = await callApp(appAt({ now: 0 }, false));
    expect(result.text).toBe("0");
    expect(cookieOf(result.headers)).toBeUndefined();
  });

  it("ignores a cookie signed with another secret", async () => {
    const other = new ChainApp<SessionState>();
    other.use(sessions<SessionState>({ secret: "another-secret-another-secret-another" }));
    other.use((context) => {
      context.state.session.visits = 41;
      context.body = "set";
    });
    const foreign = cookieOf((await callApp(other.application)).headers);
    const result = await callApp(appAt({ now: Date.now() }, true), { headers: { Cookie: foreign ?? "" } });
    expect(result.text).toBe("1");
  });
});
