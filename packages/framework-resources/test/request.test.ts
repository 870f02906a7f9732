import { describe, expect, test } from "vitest";
import type { CallAppRequest } from "@patchbay/gateway";
import { HTTPBadRequest, HTTPPayloadTooLarge, HTTPUnsupportedMediaType } from "../src/http-errors.js";
import { jsonMediaHandler } from "../src/json-media-handler.js";
import { MediaHandlers } from "../src/media-handler.js";
import { Request } from "../src/request.js";
import { chunks, environFor } from "./harness.js";

/** A Request over the environ a server would build for `request`. */
async function requestFor(request: CallAppRequest, maxBodyBytes = 1024): Promise<Request> {
  const environ = await environFor(request);
  return new Request(environ, { id: 1 }, "/things/{id:int}", { maxBodyBytes, media: new MediaHandlers().set("application/json", jsonMediaHandler) });
}

describe("Request: the environ, read lazily", () => {
  test("method, path, params, template, scriptName, query string, url", async () => {
    const request = await requestFor({ method: "PATCH", url: "/api/things/1?tag=a&tag=b&q=x+y", scriptName: "/api" });
    expect(request.method).toBe("PATCH");
    expect(request.path).toBe("/things/1");
    expect(request.scriptName).toBe("/api");
    expect(request.params).toEqual({ id: 1 });
    expect(request.uriTemplate).toBe("/things/{id:int}");
    expect(request.queryString).toBe("tag=a&tag=b&q=x+y");
    expect(request.query.getAll("tag")).toEqual(["a", "b"]);
    expect(request.query.get("q")).toBe("x y");
    expect(request.url).toBe("http://localhost/api/things/1?tag=a&tag=b&q=x+y");
  });

  test("getHeader is case-insensitive; headers lists them by lower-case name", async () => {
    const request = await requestFor({ headers: [["X-Trace", "t1"], ["Accept", "text/html"], ["Content-Type", "application/json"]], body: "{}" });
    expect(request.getHeader("x-trace")).toBe("t1");
    expect(request.getHeader("CONTENT-TYPE")).toBe("application/json");
    expect(request.getHeader("x-missing")).toBeUndefined();
    expect(request.headers).toMatchObject({ "x-trace": "t1", accept: "text/html", "content-type": "application/json", "content-length": "2", host: "localhost" });
    expect(request.headers).toBe(request.headers);
  });

  test("a header name with an underscore is never readable (the environ drops it)", async () => {
    const request = await requestFor({ headers: { "X_Forwarded_User": "admin" } });
    expect(request.getHeader("x_forwarded_user")).toBeUndefined();
    expect(Object.keys(request.headers)).not.toContain("x-forwarded-user");
  });

  test("contentType, contentLength and accept, with their defaults", async () => {
    const withBody = await requestFor({ method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: "[1]" });
    expect([withBody.contentType, withBody.contentLength, withBody.accept]).toEqual(["application/json", 3, "application/json"]);
    const bare = await requestFor({});
    expect([bare.contentType, bare.contentLength, bare.accept]).toEqual([undefined, undefined, "*/*"]);
  });

  test("cookies are parsed and percent-decoded; absent Cookie gives an empty object", async () => {
    const request = await requestFor({ headers: { Cookie: "a=1; b=hello%20world" } });
    expect(request.cookies).toEqual({ a: "1", b: "hello world" });
    expect((await requestFor({})).cookies).toEqual({});
  });

  test("context is one object per request, for hooks and responders to share", async () => {
    const request = await requestFor({});
    request.context.user = "ada";
    expect(request.context).toEqual({ user: "ada" });
    expect((await requestFor({})).context).toEqual({});
  });
});

describe("Request: the body", () => {
  test("bytes() reads the body once; text() decodes it as UTF-8", async () => {
    const request = await requestFor({ method: "POST", body: "héllo" });
    expect(await request.text()).toBe("héllo");
    expect(Buffer.from(await request.bytes()).toString("utf8")).toBe("héllo");
  });

  test("stream gives the raw gateway.input", async () => {
    const request = await requestFor({ method: "POST", body: chunks("a", "b", "c") });
    expect(Buffer.from(await request.stream.read()).toString()).toBe("abc");
  });

  test("getMedia parses with the Content-Type's handler and caches the result", async () => {
    const request = await requestFor({ method: "POST", headers: { "Content-Type": "application/json; charset=utf-8" }, body: '{"a":[1]}' });
    const first = await request.getMedia<{ a: number[] }>();
    expect(first).toEqual({ a: [1] });
    expect(await request.getMedia()).toBe(first);
  });

  test("getMedia accepts a +json structured suffix", async () => {
    const request = await requestFor({ method: "PATCH", headers: { "Content-Type": "application/merge-patch+json" }, body: '{"a":null}' });
    expect(await request.getMedia()).toEqual({ a: null });
  });

  test("getMedia: missing or unknown type → 415, malformed → 400, too large → 413", async () => {
    await expect((await requestFor({ method: "POST", body: "{}" })).getMedia()).rejects.toBeInstanceOf(HTTPUnsupportedMediaType);
    await expect((await requestFor({ method: "POST", headers: { "Content-Type": "text/plain" }, body: "{}" })).getMedia()).rejects.toThrow(/cannot read text\/plain; supported: application\/json/);
    await expect((await requestFor({ method: "POST", headers: { "Content-Type": "application/json" }, body: "{nope}" })).getMedia()).rejects.toBeInstanceOf(HTTPBadRequest);
    await expect((await requestFor({ method: "POST", headers: { "Content-Type": "application/json" }, body: "[1,2,3,4,5]" }, 4)).getMedia()).rejects.toBeInstanceOf(HTTPPayloadTooLarge);
  });
});
