import { describe, expect, test } from "vitest";
import { environFor } from "./harness.js";
import type { Body, Environ, HeaderList, StartResponse } from "@patchbay/gateway";
import { HTTPNotAcceptable, HTTPTooManyRequests } from "../src/http-errors.js";
import { formMediaHandler } from "../src/form-media-handler.js";
import { jsonMediaHandler } from "../src/json-media-handler.js";
import { MediaHandlers } from "../src/media-handler.js";
import { PROBLEM_CONTENT_TYPE, renderProblem, renderResponse, statusLine } from "../src/render-response.js";
import { Response } from "../src/response.js";

interface Started {
  status: string;
  headers: HeaderList;
  excInfo: unknown;
}

function recorder(): { started: Started[]; startResponse: StartResponse } {
  const started: Started[] = [];
  return {
    started,
    startResponse: (status, headers, excInfo) => {
      started.push({ status, headers: [...headers], excInfo });
      return () => {};
    },
  };
}

const media = new MediaHandlers().set("application/json", jsonMediaHandler).set("application/x-www-form-urlencoded", formMediaHandler);

function environWith(headers: Record<string, string> = {}): Promise<Environ> {
  return environFor({ headers });
}

function render(response: Response, environ: Environ): { body: Body; started: Started } {
  const { started, startResponse } = recorder();
  const body = renderResponse(response, media, environ, startResponse);
  return { body, started: started[0] as Started };
}

describe("renderResponse", () => {
  test("text: one UTF-8 chunk, text/plain; charset=utf-8 unless set", async () => {
    const response = new Response();
    response.text = "hé";
    const { body, started } = render(response, await environWith());
    expect(body).toEqual(["hé"]);
    expect(started.status).toBe("200 OK");
    expect(started.headers).toEqual([["Content-Type", "text/plain; charset=utf-8"]]);
  });

  test("an explicit Content-Type is kept for text and data", async () => {
    const response = new Response();
    response.contentType = "image/png";
    response.data = new Uint8Array([137, 80]);
    const { body, started } = render(response, await environWith());
    expect(body).toEqual([new Uint8Array([137, 80])]);
    expect(started.headers).toEqual([["Content-Type", "image/png"]]);
  });

  test("every response hands startResponse a fresh, mutable list, also when it set no header", async () => {
    const environ = await environWith();
    const lists: HeaderList[] = [];
    const startResponse: StartResponse = (_status, headers) => {
      lists.push(headers);
      return () => {};
    };
    for (const kind of ["text", "none", "text"]) {
      const response = new Response();
      if (kind === "text") response.text = "hi";
      renderResponse(response, media, environ, startResponse);
    }
    const [first, empty, second] = lists as [HeaderList, HeaderList, HeaderList];
    expect(first).not.toBe(second);
    first.push(["X-Added", "by middleware"]);
    expect(second).toEqual([["Content-Type", "text/plain; charset=utf-8"]]);
    expect(empty).toEqual([]);
    empty.push(["X-Added", "by middleware"]);
    expect(empty).toHaveLength(1);
  });

  test("no body: an empty array and no Content-Type", async () => {
    const response = new Response();
    response.status = 202;
    const { body, started } = render(response, await environWith());
    expect([...(body as Iterable<unknown>)]).toEqual([]);
    expect(started).toMatchObject({ status: "202 Accepted", headers: [] });
  });

  test("media: negotiated from Accept, with Vary: Accept when more than one type is registered", async () => {
    const response = new Response();
    response.media = { a: 1 };
    const { body, started } = render(response, await environWith({ Accept: "application/x-www-form-urlencoded" }));
    expect(body).toEqual(["a=1"]);
    expect(started.headers).toEqual([
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["Vary", "Accept"],
    ]);
  });

  test("media with a Content-Type set uses that type's handler, no negotiation", async () => {
    const response = new Response();
    response.contentType = "application/problem+json";
    response.media = { title: "x" };
    const { body, started } = render(response, await environWith({ Accept: "text/html" }));
    expect(body).toEqual(['{"title":"x"}']);
    expect(started.headers).toEqual([["Content-Type", "application/problem+json"]]);
  });

  test("media with a Content-Type that has no handler is a 500 ResourceError", async () => {
    const response = new Response();
    response.contentType = "text/csv";
    response.media = [1];
    const environ = await environWith();
    expect(() => render(response, environ)).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_NO_MEDIA_HANDLER", status: 500 }));
  });

  test("media nobody accepts throws HTTPNotAcceptable", async () => {
    const response = new Response();
    response.media = { a: 1 };
    const environ = await environWith({ Accept: "text/html" });
    expect(() => render(response, environ)).toThrow(HTTPNotAcceptable);
  });

  test("a status outside 200–599 is a 500 ResourceError and startResponse is never called", async () => {
    const environ = await environWith();
    for (const status of [100, 199, 600, 1000, 200.5]) {
      const response = new Response();
      response.status = status;
      const { started, startResponse } = recorder();
      expect(() => renderResponse(response, media, environ, startResponse)).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_STATUS", status: 500 }));
      expect(started).toEqual([]);
    }
  });

  test("a stream is returned as is, application/octet-stream by default", async () => {
    const response = new Response();
    const stream = (async function* () {
      yield "x";
    })();
    response.stream = stream;
    const { body, started } = render(response, await environWith());
    expect(body).toBe(stream);
    expect(started.headers).toEqual([["Content-Type", "application/octet-stream"]]);
  });
});

describe("renderProblem", () => {
  test("sends problem+json with the error's status and headers, and the error as excInfo", () => {
    const { started, startResponse } = recorder();
    const error = new HTTPTooManyRequests({ detail: "slow down", headers: [["Retry-After", "30"]] });
    const body = renderProblem(error, startResponse);
    expect(started).toEqual([{ status: "429 Too Many Requests", headers: [["Content-Type", PROBLEM_CONTENT_TYPE], ["Retry-After", "30"]], excInfo: error }]);
    expect(JSON.parse((body as string[])[0] as string)).toEqual({ type: "about:blank", title: "Too Many Requests", status: 429, detail: "slow down" });
  });
});

test("statusLine uses the standard reason phrase, and Unknown for others", () => {
  expect(statusLine(201)).toBe("201 Created");
  expect(statusLine(299)).toBe("299 Unknown");
  expect(statusLine(201)).toBe(statusLine(201));
});
