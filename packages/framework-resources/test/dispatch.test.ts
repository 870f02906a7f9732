import { describe, expect, test } from "vitest";
import { compileResource, dispatch } from "../src/dispatch.js";
import type { Hook } from "../src/hooks.js";
import { HTTPMethodNotAllowed } from "../src/http-errors.js";
import { MediaHandlers } from "../src/media-handler.js";
import { Request } from "../src/request.js";
import { Response } from "../src/response.js";
import { environFor } from "./harness.js";

async function requestFor(method: string): Promise<Request> {
  const environ = await environFor({ method });
  return new Request(environ, {}, "/", { maxBodyBytes: 10, media: new MediaHandlers() });
}

describe("compileResource", () => {
  test("Allow lists the responders in a stable order, adds HEAD for GET and always OPTIONS", () => {
    const compiled = compileResource({ onPropfind() {}, onDelete() {}, onPost() {}, onGet() {}, onCopy() {} }, []);
    expect(compiled.allowedMethods).toEqual(["GET", "HEAD", "POST", "DELETE", "OPTIONS", "COPY", "PROPFIND"]);
    expect(compiled.allowHeader).toBe("GET, HEAD, POST, DELETE, OPTIONS, COPY, PROPFIND");
  });

  test("HEAD falls back to GET, but an explicit onHead is kept", () => {
    const onGet = () => {};
    const onHead = () => {};
    expect(compileResource({ onGet }, []).responders.get("HEAD")?.responder).toBe(onGet);
    expect(compileResource({ onGet, onHead }, []).responders.get("HEAD")?.responder).toBe(onHead);
    expect(compileResource({ onPost: onGet }, []).responders.has("HEAD")).toBe(false);
  });
});

describe("dispatch", () => {
  test("a missing method throws HTTPMethodNotAllowed carrying the allowed methods", async () => {
    const compiled = compileResource({ onGet() {} }, []);
    const request = await requestFor("PUT");
    let error: unknown;
    try {
      void dispatch(compiled, request, new Response(), {}); // thrown synchronously, not a rejection
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HTTPMethodNotAllowed);
    expect((error as HTTPMethodNotAllowed).allowedMethods).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect((error as HTTPMethodNotAllowed).headers).toEqual([["Allow", "GET, HEAD, OPTIONS"]]);
  });

  test("sync hooks and responders run in order without waiting for the next tick", async () => {
    const log: string[] = [];
    const hook = (name: string): Hook => () => {
      log.push(name);
    };
    const compiled = compileResource({ onGet: () => void log.push("responder") }, [{ before: [hook("before")], after: [hook("after")] }]);
    const running = dispatch(compiled, await requestFor("GET"), new Response(), {});
    // Everything has run by the time dispatch returns, and with nothing async there is no promise at all.
    expect(log).toEqual(["before", "responder", "after"]);
    expect(running).toBeUndefined();
  });

  test("an async responder is awaited before the after-hooks", async () => {
    const log: string[] = [];
    const compiled = compileResource(
      {
        async onGet() {
          await new Promise((resolve) => setTimeout(resolve, 1));
          log.push("responder");
        },
      },
      [{ after: [() => void log.push("after")] }],
    );
    await dispatch(compiled, await requestFor("GET"), new Response(), {});
    expect(log).toEqual(["responder", "after"]);
  });

  test("after an async before-hook, the remaining steps run in order once it settles", async () => {
    const log: string[] = [];
    const slow: Hook = async () => {
      await Promise.resolve();
      log.push("slow before");
    };
    const compiled = compileResource({ onGet: () => void log.push("responder") }, [{ before: [slow, () => void log.push("before")], after: [() => void log.push("after")] }]);
    const running = dispatch(compiled, await requestFor("GET"), new Response(), {});
    expect(running).toBeInstanceOf(Promise);
    expect(log).toEqual([]);
    await running;
    expect(log).toEqual(["slow before", "before", "responder", "after"]);
  });

  test("an async before-hook that completes the response skips the other before-hooks and the responder, not the after-hooks", async () => {
    const log: string[] = [];
    const complete: Hook = async (_request, response) => {
      await Promise.resolve();
      response.complete = true;
    };
    const compiled = compileResource({ onGet: () => void log.push("responder") }, [{ before: [complete, () => void log.push("before")], after: [() => void log.push("after")] }]);
    await dispatch(compiled, await requestFor("GET"), new Response(), {});
    expect(log).toEqual(["after"]);
  });

  test("a rejected async after-hook rejects the dispatch", async () => {
    const compiled = compileResource({ onGet() {} }, [{ after: [() => Promise.reject(new Error("after failed"))] }]);
    await expect(dispatch(compiled, await requestFor("GET"), new Response(), {})).rejects.toThrow("after failed");
  });
});
