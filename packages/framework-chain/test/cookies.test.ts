// Tests for cookies.ts: reading Cookie and writing Set-Cookie through ctx.cookies.
import { describe, expect, test } from "vitest";
import { appWith, send } from "./harness.js";

describe("ctx.cookies", () => {
  test("get reads the Cookie header, percent-decoded; a missing cookie is undefined", async () => {
    const app = appWith((ctx) => {
      ctx.body = { session: ctx.cookies.get("session"), name: ctx.cookies.get("name"), missing: ctx.cookies.get("missing") ?? null, proto: ctx.cookies.get("constructor") ?? null };
    });
    const response = await send(app, { headers: { Cookie: "session=abc123; name=J%C3%BCrgen" } });
    expect(JSON.parse(response.text)).toEqual({ session: "abc123", name: "Jürgen", missing: null, proto: null });
    const none = await send(app);
    expect(JSON.parse(none.text)).toEqual({ missing: null, proto: null });
  });

  test("repeated Cookie headers are combined with ; (RFC 6265 §5.4)", async () => {
    const app = appWith((ctx) => {
      ctx.body = [ctx.cookies.get("a"), ctx.cookies.get("b")];
    });
    const response = await send(app, { headers: [["Cookie", "a=1"], ["Cookie", "b=2"]] });
    expect(JSON.parse(response.text)).toEqual(["1", "2"]);
  });

  test("set appends one Set-Cookie per cookie with path / and HttpOnly by default", async () => {
    const app = appWith((ctx) => {
      ctx.cookies.set("session", "a b");
      ctx.cookies.set("theme", "dark", { httpOnly: false, maxAge: 3600, sameSite: "lax", secure: true });
      ctx.body = "ok";
    });
    const response = await send(app);
    const cookies = response.headers.filter(([name]) => name.toLowerCase() === "set-cookie").map(([, value]) => value);
    expect(cookies).toEqual(["session=a%20b; Path=/; HttpOnly", "theme=dark; Max-Age=3600; Path=/; Secure; SameSite=Lax"]);
  });

  test("set(name, null) deletes the cookie", async () => {
    const response = await send(appWith((ctx) => {
      ctx.cookies.set("session", null);
      ctx.body = "bye";
    }));
    expect(response.header("set-cookie")).toBe("session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly");
  });

  test("an invalid cookie name answers 500 with ERR_CHAIN_INVALID_HEADER reported", async () => {
    const reported: unknown[] = [];
    const app = appWith((ctx) => {
      ctx.cookies.set("bad name", "x");
    });
    app.on("error", (error) => reported.push(error));
    const response = await send(app);
    expect(response.status).toBe(500);
    expect(reported).toEqual([expect.objectContaining({ code: "ERR_CHAIN_INVALID_HEADER" })]);
  });
});
