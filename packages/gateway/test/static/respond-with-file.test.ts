import { expect, test } from "vitest";
import { callApp } from "../../src/call-app.js";
import type { StaticResource } from "../../src/static/resolve-resource.js";
import { respondWithFile } from "../../src/static/respond-with-file.js";
import { createRepresentation } from "../../src/static/static-representation.js";
import type { Application } from "../../src/types.js";

// A resource whose bytes sit in memory: respondWithFile then never touches the disk.
function memoryResource(content: string, coding?: "br"): StaticResource {
  const policy = { etag: true, lastModified: true, cacheControl: undefined, varyAcceptEncoding: coding !== undefined };
  const identity = createRepresentation({ filePath: "/nowhere/file.txt", size: content.length, mtimeMs: Date.UTC(2024, 0, 1), ino: 1, contentType: "text/plain; charset=utf-8", contentCoding: undefined }, policy);
  identity.bytes = Buffer.from(content);
  if (coding === undefined) return { identity, variants: [], codings: [], negotiatedFor: undefined, negotiated: identity };
  const variant = createRepresentation({ filePath: "/nowhere/file.txt.br", size: 3, mtimeMs: Date.UTC(2024, 0, 1), ino: 2, contentType: "text/plain; charset=utf-8", contentCoding: "br" }, policy);
  variant.bytes = Buffer.from("BR!");
  return { identity, variants: [variant], codings: ["br"], negotiatedFor: undefined, negotiated: identity };
}

function appFor(resource: StaticResource): Application {
  return (environ, startResponse) => respondWithFile(environ, startResponse, resource, environ.REQUEST_METHOD === "HEAD");
}

test("200 with the precomputed headers and the bytes", async () => {
  const response = await callApp(appFor(memoryResource("hello")));
  expect(response.status).toBe(200);
  expect(response.text).toBe("hello");
  expect(response.header("Content-Length")).toBe("5");
  expect(response.header("Accept-Ranges")).toBe("bytes");
});

test("preconditions come before ranges: a 304 wins over a Range", async () => {
  const resource = memoryResource("hello");
  const response = await callApp(appFor(resource), { headers: { "If-None-Match": resource.identity.etag as string, Range: "bytes=0-1" } });
  expect(response.status).toBe(304);
  expect(response.body.length).toBe(0);
});

test("a 412 carries the validators and a text body", async () => {
  const response = await callApp(appFor(memoryResource("hello")), { headers: { "If-Match": '"nope"' } });
  expect(response.status).toBe(412);
  expect(response.header("ETag")).toBeDefined();
  expect(response.text).toBe("412 Precondition Failed\n");
});

test("a 416 for the chosen coding has no Content-Encoding (its body is our text)", async () => {
  const response = await callApp(appFor(memoryResource("hello", "br")), { headers: { "Accept-Encoding": "br", Range: "bytes=10-" } });
  expect(response.status).toBe(416);
  expect(response.header("Content-Range")).toBe("bytes */3");
  expect(response.header("Content-Encoding")).toBeUndefined();
  expect(response.header("Vary")).toBe("Accept-Encoding");
});

test("ranges apply to the chosen representation's bytes", async () => {
  const response = await callApp(appFor(memoryResource("hello", "br")), { headers: { "Accept-Encoding": "br", Range: "bytes=1-2" } });
  expect(response.status).toBe(206);
  expect(response.header("Content-Encoding")).toBe("br");
  expect(response.header("Content-Range")).toBe("bytes 1-2/3");
  expect(response.text).toBe("R!");
});

test("HEAD: the 200 head, an empty body", async () => {
  const response = await callApp(appFor(memoryResource("hello")), { method: "HEAD" });
  expect(response.status).toBe(200);
  expect(response.header("Content-Length")).toBe("5");
  expect(response.body.length).toBe(0);
});

test("content negotiation is remembered per Accept-Encoding value and redone when it changes", async () => {
  const resource = memoryResource("hello", "br");
  const app = appFor(resource);
  expect((await callApp(app, { headers: { "Accept-Encoding": "gzip, br" } })).text).toBe("BR!");
  expect(resource.negotiatedFor).toBe("gzip, br");
  expect((await callApp(app, { headers: { "Accept-Encoding": "gzip, br" } })).text).toBe("BR!");
  expect((await callApp(app, { headers: { "Accept-Encoding": "gzip" } })).text).toBe("hello");
  expect((await callApp(app, { headers: { "Accept-Encoding": "gzip, br" } })).text).toBe("BR!");
  expect((await callApp(app)).text).toBe("hello");
});
