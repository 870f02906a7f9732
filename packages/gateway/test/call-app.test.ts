import { expect, test } from "vitest";
import { callApp } from "../src/call-app.js";
import type { Application } from "../src/types.js";

const echo: Application = async (environ, startResponse) => {
  const body = await environ["gateway.input"].read();
  startResponse("200 OK", [["Content-Type", "text/plain"], ["X-Method", environ.REQUEST_METHOD]]);
  return [body];
};

test("simulates a request: method, URL, headers, body; returns status, headers and body", async () => {
  const result = await callApp(echo, { method: "PUT", url: "/x?y=1", headers: { "X-Trace": "t" }, body: "payload" });
  expect(result.status).toBe(200);
  expect(result.reason).toBe("OK");
  expect(result.text).toBe("payload");
  expect(result.header("x-method")).toBe("PUT");
  expect(result.environ).toMatchObject({ PATH_INFO: "/x", QUERY_STRING: "y=1", HTTP_X_TRACE: "t", CONTENT_LENGTH: "7", HTTP_HOST: "localhost" });
});

test("a streamed request body arrives chunked (no CONTENT_LENGTH)", async () => {
  async function* parts(): AsyncGenerator<Uint8Array> {
    yield Buffer.from("a");
    yield Buffer.from("b");
  }
  const result = await callApp(echo, { method: "POST", body: parts() });
  expect(result.text).toBe("ab");
  expect(result.environ.CONTENT_LENGTH).toBeUndefined();
  expect(result.environ.HTTP_TRANSFER_ENCODING).toBe("chunked");
});

test("reports writer errors and aborted responses", async () => {
  const result = await callApp(() => {
    throw new Error("boom");
  });
  expect(result.status).toBe(500);
  expect((result.errors[0] as Error).message).toBe("boom");
  expect(result.aborted).toBe(false);
});

test("a streamed body with a declared Content-Length stops there, and a short one is a 400 error", async () => {
  async function* parts(...texts: string[]): AsyncGenerator<Uint8Array> {
    for (const text of texts) yield Buffer.from(text);
  }
  const exact = await callApp(echo, { method: "POST", headers: { "Content-Length": "3" }, body: parts("ab", "cdef") });
  expect(exact.text).toBe("abc");
  const short = await callApp(echo, { method: "POST", headers: { "Content-Length": "9" }, body: parts("ab") });
  expect(short.status).toBe(400);
  expect(short.errors[0]).toMatchObject({ code: "ERR_GATEWAY_INPUT_INCOMPLETE", status: 400 });
});
