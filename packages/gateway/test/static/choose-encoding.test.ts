import { expect, test } from "vitest";
import { chooseEncoding } from "../../src/static/choose-encoding.js";

test.each([
  [undefined, ["br", "gzip"], undefined],
  ["", ["br", "gzip"], undefined],
  ["gzip, br", ["br", "gzip"], "br"],
  ["gzip", ["br", "gzip"], "gzip"],
  ["x-gzip", ["gzip"], "gzip"],
  ["GZIP;Q=0.9", ["gzip"], "gzip"],
  ["br;q=0.2, gzip;q=0.9", ["br", "gzip"], "gzip"],
  ["br;q=1.0, gzip;q=0.9", ["br", "gzip"], "br"],
  ["br;q=0", ["br"], undefined],
  ["deflate", ["br", "gzip"], undefined],
  ["*", ["gzip"], "gzip"],
  ["*;q=0.5, br;q=0", ["br", "gzip"], "gzip"],
  ["gzip;q=0.5, identity", ["gzip"], undefined],
  ["gzip;q=0.5, identity;q=0.4", ["gzip"], "gzip"],
  ["br", ["gzip"], undefined],
  ["gzip;q=nonsense", ["gzip"], undefined],
  ["gzip;q=2", ["gzip"], undefined],
  ["br, gzip", [], undefined],
] as const)("Accept-Encoding %j with %j available → %j", (header, available, expected) => {
  expect(chooseEncoding(header, available)).toBe(expected);
});
