// The export-surface test of @patchbay/server-loop: the only snapshot test, so any change to the public surface shows up in review.
import { expect, test } from "vitest";

test("the runtime exports of @patchbay/server-loop", async () => {
  expect(Object.keys(await import("../src/index.js")).sort()).toMatchInlineSnapshot(`
    [
      "LoopError",
      "RequestListener",
      "ServerResponseSink",
      "createServer",
      "serve",
    ]
  `);
});
