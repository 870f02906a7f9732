import { expect, test } from "vitest";
import { callApp } from "../../src/call-app.js";
import { respondWithStatus } from "../../src/static/respond-with-status.js";

test("answers a one-line text body with the extra headers and Content-Length", async () => {
  const response = await callApp((_environ, startResponse) => respondWithStatus(startResponse, 405, [["Allow", "GET, HEAD"]]));
  expect(response.status).toBe(405);
  expect(response.reason).toBe("Method Not Allowed");
  expect(response.text).toBe("405 Method Not Allowed\n");
  expect(response.header("Allow")).toBe("GET, HEAD");
  expect(response.header("Content-Type")).toBe("text/plain; charset=utf-8");
  expect(response.header("Content-Length")).toBe(String(response.body.length));
});

test("HEAD gets the same head and no body", async () => {
  const response = await callApp((_environ, startResponse) => respondWithStatus(startResponse, 403), { method: "HEAD" });
  expect(response.status).toBe(403);
  expect(response.body.length).toBe(0);
  expect(response.header("Content-Length")).toBe("14");
});
