// The chain-socket site on a real server-socket over 127.0.0.1: request log, signed-cookie sessions, basic auth.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, type Server } from "@patchbay/server-kit";
import { serve } from "@patchbay/server-socket";
import { createSiteApp } from "../src/app.js";

const SECRET = "test-secret-test-secret-test-secret-0123";
let server: Server;
let baseUrl: string;
const logLines: string[] = [];
const requestLog: string[] = [];

beforeAll(async () => {
  const app = createSiteApp({ sessionSecret: SECRET, adminUser: "admin", adminPassword: "s3cret", log: (line) => void requestLog.push(line) });
  server = await serve(app, { host: "127.0.0.1", port: 0, logger: createLogger({ level: "warning", write: (line) => void logLines.push(line) }) });
  const [address] = server.addresses;
  if (address === undefined) throw new Error("server-socket bound no address");
  baseUrl = address.url;
});

afterAll(async () => {
  await server.close(1000);
});

/** The `name=value` part of the response's session cookie. */
function sessionCookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith("session="));
  if (cookie === undefined) throw new Error("no session cookie was set");
  return cookie.split(";")[0] ?? "";
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

describe("chain-socket on server-socket", () => {
  it("starts a session on the first visit and counts visits with its signed cookie", async () => {
    const first = await fetch(`${baseUrl}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const firstPage = await first.text();
    expect(firstPage).toContain("Hello, stranger.");
    expect(firstPage).toContain('<strong id="visits">1</strong> page in');
    const setCookie = first.headers.getSetCookie().find((line) => line.startsWith("session=")) ?? "";
    expect(setCookie).toMatch(/; Max-Age=604800/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).not.toMatch(/; Secure/);

    const second = await fetch(`${baseUrl}/`, { headers: { Cookie: sessionCookieOf(first) } });
    expect(await second.text()).toContain('<strong id="visits">2</strong> pages in');
  });

  it("remembers a posted name (303 to /) and escapes it", async () => {
    const cookie = sessionCookieOf(await fetch(`${baseUrl}/`));
    const posted = await fetch(`${baseUrl}/name`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: "name=Ada+%3C3",
      redirect: "manual",
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/");
    const page = await (await fetch(`${baseUrl}/`, { headers: { Cookie: sessionCookieOf(posted) } })).text();
    expect(page).toContain("<h1>Hello, Ada &lt;3.</h1>");
    expect(page).toContain('<strong id="visits">2</strong>');
  });

  it("refuses an empty name with 422", async () => {
    const response = await fetch(`${baseUrl}/name`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "name=+" });
    expect(response.status).toBe(422);
  });

  it("starts afresh when the cookie was tampered with", async () => {
    const cookie = sessionCookieOf(await fetch(`${baseUrl}/`));
    const [, signature = ""] = cookie.slice("session=".length).split(".");
    const forged = Buffer.from(JSON.stringify({ data: { visits: 1000, name: "Mallory" }, expiresAt: Date.now() + 60_000 })).toString("base64url");
    const page = await (await fetch(`${baseUrl}/`, { headers: { Cookie: `session=${forged}.${signature}` } })).text();
    expect(page).toContain("Hello, stranger.");
    expect(page).toContain('<strong id="visits">1</strong>');
  });

  it("forgets the session on POST /forget", async () => {
    const named = await fetch(`${baseUrl}/name`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "name=Bob", redirect: "manual" });
    const forgotten = await fetch(`${baseUrl}/forget`, { method: "POST", headers: { Cookie: sessionCookieOf(named) }, redirect: "manual" });
    expect(forgotten.status).toBe(303);
    const page = await (await fetch(`${baseUrl}/`, { headers: { Cookie: sessionCookieOf(forgotten) } })).text();
    expect(page).toContain("Hello, stranger.");
  });

  it("asks for basic auth on /admin and lets the right user in", async () => {
    const anonymous = await fetch(`${baseUrl}/admin`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Basic realm="admin", charset="UTF-8"');

    expect((await fetch(`${baseUrl}/admin`, { headers: { Authorization: basic("admin", "wrong") } })).status).toBe(401);
    expect((await fetch(`${baseUrl}/admin`, { headers: { Authorization: basic("root", "s3cret") } })).status).toBe(401);

    const admitted = await fetch(`${baseUrl}/admin`, { headers: { Authorization: basic("admin", "s3cret") } });
    expect(admitted.status).toBe(200);
    const page = await admitted.text();
    expect(page).toContain('Signed in as <strong id="user">admin</strong>');
    expect(page).toMatch(/<strong id="served">\d+<\/strong> requests/);
  });

  it("answers 405 with Allow for a method a route lacks, 404 elsewhere", async () => {
    const response = await fetch(`${baseUrl}/admin`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await fetch(`${baseUrl}/missing`)).status).toBe(404);
  });

  it("logged one line per request with its status, and no server warning", () => {
    expect(requestLog.some((line) => /^127\.0\.0\.1 "GET \/admin" 401 \d+\.\dms$/.test(line))).toBe(true);
    expect(requestLog.some((line) => line.startsWith('127.0.0.1 "GET /admin" 200 '))).toBe(true);
    expect(requestLog.some((line) => line.startsWith('127.0.0.1 "POST /name" 303 '))).toBe(true);
    expect(requestLog.some((line) => line.startsWith('127.0.0.1 "GET /missing" 404 '))).toBe(true);
    expect(logLines).toEqual([]);
  });
});
