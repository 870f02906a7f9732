import { describe, expect, test } from "vitest";
import { RouteApp } from "../src/route-app.js";
import type { RouteRequest } from "../src/route-request.js";
import { json, text } from "../src/route-response.js";
import { MULTIPART_TYPE, call, chunks, multipart } from "./harness.js";

/** An app whose one route at /probe answers with whatever `inspect` makes of the request. */
function probe(inspect: (request: RouteRequest) => unknown, options?: ConstructorParameters<typeof RouteApp>[0]): RouteApp {
  const app = new RouteApp(options);
  app.route(["GET", "POST", "PUT"], "/probe", async (request) => json(await inspect(request)));
  return app;
}

describe("RouteRequest: request line and headers", () => {
  test("method, path, scriptName, url, remoteAddress", async () => {
    const app = probe((request) => ({ method: request.method, path: request.path, scriptName: request.scriptName, url: request.url, remote: request.remoteAddress }));
    const result = await call(app, { method: "PUT", url: "/base/probe?x=1", scriptName: "/base", headers: { Host: "example.org:8080" } });
    expect(JSON.parse(result.text)).toEqual({ method: "PUT", path: "/probe", scriptName: "/base", url: "http://example.org:8080/base/probe?x=1", remote: "127.0.0.1" });
  });

  test("query: decoded, multi-valued, empty when absent", async () => {
    const app = probe((request) => ({ tags: request.query.getAll("tag"), name: request.query.get("name"), missing: request.query.get("missing") ?? null, size: request.query.size }));
    const result = await call(app, { url: "/probe?tag=a&tag=b%20c&name=Ada+L" });
    expect(JSON.parse(result.text)).toEqual({ tags: ["a", "b c"], name: "Ada L", missing: null, size: 2 });
    expect(JSON.parse((await call(app, { url: "/probe" })).text)).toMatchObject({ tags: [], size: 0 });
  });

  test("header() is case-insensitive; headers maps every header by lower-case name", async () => {
    const app = probe((request) => ({ agent: request.header("user-agent"), accept: request.header("ACCEPT"), all: Object.fromEntries(request.headers), mediaType: request.mediaType }));
    const result = await call(app, {
      method: "POST",
      url: "/probe",
      headers: [
        ["User-Agent", "test/1"],
        ["Accept", "text/html"],
        ["Accept", "application/json"],
        ["Content-Type", "Text/Plain; charset=UTF-8"],
      ],
      body: "x",
    });
    const seen = JSON.parse(result.text) as { agent: string; accept: string; all: Record<string, string>; mediaType: string };
    expect(seen.agent).toBe("test/1");
    expect(seen.accept).toBe("text/html, application/json");
    expect(seen.all).toMatchObject({ "user-agent": "test/1", "content-type": "Text/Plain; charset=UTF-8", "content-length": "1", host: "localhost" });
    expect(seen.mediaType).toBe("text/plain");
  });

  test("cookies: parsed and percent-decoded; cookie(name) reads one", async () => {
    const app = probe((request) => ({ all: request.cookies, session: request.cookie("session"), none: request.cookie("none") ?? null }));
    const result = await call(app, { url: "/probe", headers: [["Cookie", "session=a%20b; theme=dark"]] });
    expect(JSON.parse(result.text)).toEqual({ all: { session: "a b", theme: "dark" }, session: "a b", none: null });
  });

  test("state is per request, shared by hooks and the handler", async () => {
    const app = new RouteApp();
    app.before((request) => {
      request.state.set("user", "ada");
    });
    app.get("/", (request) => text(String(request.state.get("user"))));
    expect((await call(app)).text).toBe("ada");
  });
});

describe("RouteRequest: body", () => {
  test("bytes(), text() and json() share one buffered read", async () => {
    const app = probe(async (request) => ({ bytes: (await request.bytes()).length, text: await request.text(), json: await request.json() }));
    const result = await call(app, { method: "POST", url: "/probe", headers: { "Content-Type": "application/json" }, body: '{"a":"é"}' });
    expect(JSON.parse(result.text)).toEqual({ bytes: 10, text: '{"a":"é"}', json: { a: "é" } });
  });

  test("json() accepts application/*+json and a chunked body", async () => {
    const app = probe((request) => request.json());
    const result = await call(app, { method: "POST", url: "/probe", headers: { "Content-Type": "application/merge-patch+json" }, body: chunks('{"a":', "[1,2]}") });
    expect(JSON.parse(result.text)).toEqual({ a: [1, 2] });
  });

  test("json(): malformed, empty or non-UTF-8 is a 400 with a clear message", async () => {
    const app = probe((request) => request.json());
    const headers = { "Content-Type": "application/json" };
    const malformed = await call(app, { method: "POST", url: "/probe", headers, body: '{"a":' });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toMatch(/^400 Bad Request\nmalformed JSON in the request body/);
    expect((await call(app, { method: "POST", url: "/probe", headers, body: "" })).text).toContain("the request body is empty");
    expect((await call(app, { method: "POST", url: "/probe", headers, body: new Uint8Array([0x22, 0xff, 0x22]) })).status).toBe(400);
  });

  test("json() with another media type, or none, is a 415", async () => {
    const app = probe((request) => request.json());
    const wrongType = await call(app, { method: "POST", url: "/probe", headers: { "Content-Type": "text/plain" }, body: "{}" });
    expect(wrongType.status).toBe(415);
    expect(wrongType.text).toContain('expected a JSON body (Content-Type: application/json), got Content-Type "text/plain"');
    expect((await call(app, { method: "POST", url: "/probe", body: "{}" })).status).toBe(415);
  });

  test("a body over maxBodyBytes is a 413, declared or chunked, and never a 500", async () => {
    const app = probe((request) => request.json(), { maxBodyBytes: 16 });
    const headers = { "Content-Type": "application/json" };
    const declared = await call(app, { method: "POST", url: "/probe", headers, body: JSON.stringify({ long: "x".repeat(32) }) });
    expect(declared.status).toBe(413);
    expect(declared.text).toContain("limit of 16 bytes");
    const streamed = await call(app, { method: "POST", url: "/probe", headers, body: chunks('{"long":"', "x".repeat(32), '"}') });
    expect(streamed.status).toBe(413);
    expect(declared.log + streamed.log).toBe("");
  });

  test("the default limit is 1 MiB", async () => {
    const app = probe(async (request) => (await request.bytes()).length);
    expect((await call(app, { method: "POST", url: "/probe", body: new Uint8Array(1024 * 1024) })).text).toBe(String(1024 * 1024));
    expect((await call(app, { method: "POST", url: "/probe", body: new Uint8Array(1024 * 1024 + 1) })).status).toBe(413);
  });

  test("text() decodes with the declared charset", async () => {
    const app = probe((request) => request.text());
    const result = await call(app, { method: "POST", url: "/probe", headers: { "Content-Type": "text/plain; charset=ISO-8859-1" }, body: new Uint8Array([0x63, 0x61, 0x66, 0xe9]) });
    expect(JSON.parse(result.text)).toBe("café");
  });

  test("form(): urlencoded fields, repeated names, + and percent-decoding", async () => {
    const app = probe(async (request) => {
      const form = await request.form();
      return { message: form.get("message"), tags: form.getAll("tag"), again: (await request.form()) === form };
    });
    const result = await call(app, { method: "POST", url: "/probe", headers: { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" }, body: "message=caf%C3%A9+au+lait&tag=a&tag=b" });
    expect(JSON.parse(result.text)).toEqual({ message: "café au lait", tags: ["a", "b"], again: true });
  });

  test("form(): multipart fields and files as {filename, type, bytes}", async () => {
    const app = probe(async (request) => {
      const form = await request.form();
      const file = form.files.get("upload");
      return { title: form.get("title"), filename: file?.filename, type: file?.type, content: Buffer.from(file?.bytes ?? []).toString() };
    });
    const body = multipart([
      { name: "title", value: "Report" },
      { name: "upload", value: "a,b\n1,2\n", filename: "data.csv", type: "text/csv" },
    ]);
    const result = await call(app, { method: "POST", url: "/probe", headers: { "Content-Type": MULTIPART_TYPE }, body });
    expect(JSON.parse(result.text)).toEqual({ title: "Report", filename: "data.csv", type: "text/csv", content: "a,b\n1,2\n" });
  });

  test("form(): a multipart body over the limit is a 413, a broken one a 400", async () => {
    const app = probe(async (request) => (await request.form()).size, { maxBodyBytes: 64 });
    const big = multipart([{ name: "upload", value: "x".repeat(100), filename: "big.bin" }]);
    expect((await call(app, { method: "POST", url: "/probe", headers: { "Content-Type": MULTIPART_TYPE }, body: chunks(big) })).status).toBe(413);
    expect((await call(app, { method: "POST", url: "/probe", headers: { "Content-Type": "multipart/form-data" }, body: "x" })).status).toBe(400);
  });

  test("form(): no body gives an empty form; another media type is a 415", async () => {
    const app = probe(async (request) => (await request.form()).size);
    expect((await call(app, { url: "/probe" })).text).toBe("0");
    const wrong = await call(app, { method: "POST", url: "/probe", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(wrong.status).toBe(415);
    expect(wrong.text).toContain("expected a form body");
  });

  test("stream() yields the raw chunks within the limit, once", async () => {
    const app = probe(async (request) => {
      const seen: string[] = [];
      for await (const chunk of request.stream()) seen.push(Buffer.from(chunk).toString());
      let second = "";
      try {
        request.stream();
      } catch (error) {
        second = (error as { code: string }).code;
      }
      const bytes = await request.bytes().catch((error: { code: string }) => error.code);
      return { seen, second, bytes };
    });
    const result = await call(app, { method: "POST", url: "/probe", body: chunks("ab", "cd") });
    expect(JSON.parse(result.text)).toEqual({ seen: ["ab", "cd"], second: "ERR_ROUTE_BODY_CONSUMED", bytes: "ERR_ROUTE_BODY_CONSUMED" });
    const limited = await call(probe(async (request) => {
      for await (const chunk of request.stream()) void chunk;
      return "read";
    }, { maxBodyBytes: 3 }), { method: "POST", url: "/probe", body: chunks("ab", "cd") });
    expect(limited.status).toBe(413);
  });

  test("stream() after bytes() replays the buffered body; input is the raw gateway.input", async () => {
    const app = probe(async (request) => {
      await request.bytes();
      const seen: string[] = [];
      for await (const chunk of request.stream()) seen.push(Buffer.from(chunk).toString());
      return { seen, raw: request.input === request.environ["gateway.input"] };
    });
    expect(JSON.parse((await call(app, { method: "POST", url: "/probe", body: "whole" })).text)).toEqual({ seen: ["whole"], raw: true });
  });
});

describe("RouteRequest: urlFor", () => {
  test("prefixes SCRIPT_NAME (encoded) to the app's URL", async () => {
    const app = new RouteApp();
    app.get("/users/<id:int>", (request) => text(request.urlFor("user", { id: request.params.id }, { tab: "posts" })), { name: "user" });
    expect((await call(app, { url: "/users/3" })).text).toBe("/users/3?tab=posts");
    expect((await call(app, { url: "/my%20site/users/3", scriptName: "/my site" })).text).toBe("/my%20site/users/3?tab=posts");
  });
});
