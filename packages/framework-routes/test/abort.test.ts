import { expect, test } from "vitest";
import { abort } from "../src/abort.js";
import { HttpError } from "../src/errors.js";

test("abort throws an HttpError with the status, message and headers given", () => {
  let caught: unknown;
  try {
    abort(401, "log in first", { headers: [["WWW-Authenticate", 'Basic realm="x"']] });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(HttpError);
  expect(caught).toMatchObject({ status: 401, message: "log in first", headers: [["WWW-Authenticate", 'Basic realm="x"']] });
});

test("abort without a message uses the reason phrase", () => {
  expect(() => abort(404)).toThrow("Not Found");
});
