import { expect, test } from "vitest";
import { callApp } from "../src/call-app.js";
import type { Environ } from "../src/types.js";
import { applicationUri, requestUri } from "../src/uri.js";

async function environFor(url: string, headers: Record<string, string> = {}, scriptName?: string): Promise<Environ> {
  const result = await callApp((_environ, startResponse) => {
    startResponse("200 OK", []);
    return [];
  }, { url, headers, ...(scriptName === undefined ? {} : { scriptName }) });
  return result.environ;
}

test("requestUri rebuilds the URL from HTTP_HOST, SCRIPT_NAME, PATH_INFO and QUERY_STRING", async () => {
  const environ = await environFor("/app/a%20b?x=1", { Host: "example.test:8080" }, "/app");
  expect(requestUri(environ)).toBe("http://example.test:8080/app/a%20b?x=1");
  expect(requestUri(environ, false)).toBe("http://example.test:8080/app/a%20b");
  expect(applicationUri(environ)).toBe("http://example.test:8080/app");
});

test("without Host it falls back to SERVER_NAME and a non-default SERVER_PORT", async () => {
  const environ = await environFor("/");
  delete environ.HTTP_HOST;
  environ.SERVER_PORT = "8000";
  expect(requestUri(environ)).toBe("http://localhost:8000/");
  environ.SERVER_PORT = "80";
  expect(applicationUri(environ)).toBe("http://localhost/");
});

test("characters that would end the path are escaped", async () => {
  const environ = await environFor("/a%3Fb%23c");
  expect(environ.PATH_INFO).toBe("/a?b#c");
  expect(requestUri(environ)).toBe("http://localhost/a%3Fb%23c");
});
