import type { Body, Environ, StartResponse } from "@patchbay/gateway";
import { expect, test } from "vitest";
import { CallableApplication, HANDLE_REQUEST } from "../src/callable-application.js";
import { call } from "./harness.js";

class Counter extends CallableApplication {
  #count = 0;
  readonly label: string;

  constructor(label: string) {
    super();
    this.label = label;
  }

  get count(): number {
    return this.#count;
  }

  [HANDLE_REQUEST](environ: Environ, startResponse: StartResponse): Body {
    this.#count++;
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [`${this.label} ${this.#count} ${environ.PATH_INFO}`];
  }
}

test("instances are functions that run the subclass's handler with its private state", async () => {
  const counter = new Counter("hits");
  expect(typeof counter).toBe("function");
  expect(counter).toBeInstanceOf(Counter);
  expect((await call(counter, { url: "/a" })).text).toBe("hits 1 /a");
  expect((await call(counter, { url: "/b" })).text).toBe("hits 2 /b");
  expect(counter.count).toBe(2);
});

test("two instances keep separate state", async () => {
  const first = new Counter("first");
  const second = new Counter("second");
  await call(first);
  expect(first.count).toBe(1);
  expect(second.count).toBe(0);
});

test("instances keep Function.prototype's call, apply and bind", () => {
  const counter = new Counter("fn");
  const environ = { PATH_INFO: "/x" } as Environ;
  const startResponse: StartResponse = () => () => {};
  expect(counter.call(undefined, environ, startResponse)).toEqual(["fn 1 /x"]);
  expect(counter.apply(undefined, [environ, startResponse])).toEqual(["fn 2 /x"]);
  expect(counter.bind(undefined)(environ, startResponse)).toEqual(["fn 3 /x"]);
  expect(counter).toBeInstanceOf(Function);
});
