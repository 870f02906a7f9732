import { expect, test } from "vitest";
import { ErrorHandlers } from "../src/error-handlers.js";
import type { ErrorHandler } from "../src/error-handlers.js";
import { HttpError, RouteError } from "../src/errors.js";

class DatabaseError extends Error {}
class ConnectionLost extends DatabaseError {}

const handlerNamed = (name: string): ErrorHandler => () => name;

test("an error is routed to the nearest registered class on its prototype chain", () => {
  const handlers = new ErrorHandlers();
  handlers.addClass(Error, handlerNamed("error"));
  handlers.addClass(DatabaseError, handlerNamed("database"));
  expect(handlers.find(new ConnectionLost(), 500, false)?.handler).toBe(handlers.find(new DatabaseError(), 500, false)?.handler);
  const choice = handlers.find(new ConnectionLost(), 500, false);
  expect(choice?.handler(choice.error, undefined as never)).toBe("database");
  expect(handlers.find(new RangeError(), 500, false)?.handler(new RangeError(), undefined as never)).toBe("error");
});

test("an error with its own status goes to the status handler first; others to their class first", () => {
  const handlers = new ErrorHandlers();
  handlers.addStatus(404, handlerNamed("404"));
  handlers.addStatus(500, handlerNamed("500"));
  handlers.addClass(Error, handlerNamed("error"));
  const run = (error: unknown, status: number, own: boolean) => {
    const choice = handlers.find(error, status, own);
    return choice?.handler(choice.error, undefined as never);
  };
  expect(run(new HttpError(404), 404, true)).toBe("404");
  expect(run(new TypeError("bug"), 500, false)).toBe("error");
  expect(run(new HttpError(403), 403, true)).toBe("error");
});

test("a status handler always receives an HttpError; a foreign error rides along as its cause", () => {
  const handlers = new ErrorHandlers();
  handlers.addStatus(500, handlerNamed("500"));
  handlers.addStatus(413, handlerNamed("413"));
  const bug = new TypeError("bug");
  const choice = handlers.find(bug, 500, false);
  expect(choice?.error).toBeInstanceOf(HttpError);
  expect(choice?.error).toMatchObject({ status: 500, message: "Internal Server Error", cause: bug });
  const tooLarge = new RouteError("ERR_ROUTE_BODY_TOO_LARGE", "over the limit");
  expect(handlers.find(tooLarge, 413, true)?.error).toMatchObject({ status: 413, message: "over the limit", cause: tooLarge });
});

test("nothing registered: no choice, and isEmpty says so", () => {
  const handlers = new ErrorHandlers();
  expect(handlers.isEmpty).toBe(true);
  expect(handlers.find(new Error(), 500, false)).toBeUndefined();
  expect(handlers.find("a string", 500, false)).toBeUndefined();
  handlers.addStatus(404, handlerNamed("x"));
  expect(handlers.isEmpty).toBe(false);
});

test("invalid registrations are ERR_ROUTE_INVALID_OPTION", () => {
  const handlers = new ErrorHandlers();
  expect(() => handlers.addStatus(302, handlerNamed("x"))).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
  expect(() => handlers.addClass("Error" as never, handlerNamed("x"))).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
});
