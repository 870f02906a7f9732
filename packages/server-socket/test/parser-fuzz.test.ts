// Property-based fuzzing (fast-check, bounded runs): slicing never changes an outcome, garbage never throws,
// and generated well-formed requests round-trip through the parser.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHUNKED_BODY, RequestParser } from "../src/parser.js";
import { createBodyDecoder } from "../src/body-decoder.js";
import { loadCorpus, replay } from "./parser-corpus.js";

/** Runs per property: enough to hit the odd boundary, few enough to finish in about a second each. */
const RUNS = 400;

const corpus = loadCorpus();
const validCases = corpus.filter((entry) => entry.valid);

/** Cuts `bytes` at the given points (taken modulo its length, deduplicated); no slice is empty. */
function splitAt(bytes: Buffer, points: readonly number[]): Buffer[] {
  const cuts = [...new Set(points.map((point) => point % bytes.length))].filter((cut) => cut > 0).sort((a, b) => a - b);
  const slices: Buffer[] = [];
  let start = 0;
  for (const cut of cuts) {
    slices.push(bytes.subarray(start, cut));
    start = cut;
  }
  slices.push(bytes.subarray(start));
  return slices;
}

const cutPoints = fc.array(fc.nat({ max: 10_000 }), { maxLength: 40 });

type Mutation = { position: number; action: "flip" | "insert" | "delete"; byte: number };

function mutate(bytes: Buffer, mutations: readonly Mutation[]): Buffer {
  const result = [...bytes];
  for (const { position, action, byte } of mutations) {
    const index = result.length === 0 ? 0 : position % result.length;
    if (action === "flip") result[index] = byte;
    else if (action === "insert") result.splice(index, 0, byte);
    else result.splice(index, 1);
  }
  return Buffer.from(result);
}

const mutations = fc.array(
  fc.record({
    position: fc.nat({ max: 10_000 }),
    action: fc.constantFrom("flip" as const, "insert" as const, "delete" as const),
    // Bias toward the bytes the grammar cares about.
    byte: fc.oneof(fc.constantFrom(0x0d, 0x0a, 0x20, 0x09, 0x3a, 0x3b, 0x2c, 0x30, 0x00, 0x7f, 0x22), fc.integer({ min: 0, max: 255 })),
  }),
  { minLength: 1, maxLength: 4 },
);

describe("slicing never changes the outcome", () => {
  it("valid corpus requests give their expected result under random splits", () => {
    fc.assert(
      fc.property(fc.constantFrom(...validCases), cutPoints, (entry, points) => {
        expect(replay(splitAt(entry.bytes, points), entry.limits)).toEqual(entry.expected);
      }),
      { numRuns: RUNS },
    );
  });

  it("mutated corpus requests give the same result whole and under random splits, and never throw", () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), mutations, cutPoints, (entry, changes, points) => {
        const bytes = mutate(entry.bytes, changes);
        if (bytes.length === 0) return;
        const whole = replay([bytes], entry.limits);
        expect(replay(splitAt(bytes, points), entry.limits)).toEqual(whole);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("garbage", () => {
  it("random bytes never throw and never make a head: always an error value or incomplete", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), cutPoints, (garbage, points) => {
        const parser = new RequestParser();
        const kinds: string[] = [];
        for (const slice of splitAt(Buffer.from(garbage), points)) {
          const result = parser.parseHead(slice);
          kinds.push(result.kind === "error" ? `error ${result.status}` : result.kind);
          if (result.kind !== "incomplete") break;
        }
        expect(kinds.filter((kind) => kind !== "incomplete" && !/^error [45]\d\d$/.test(kind))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("random bytes into a chunked decoder never throw and never overrun the input", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), cutPoints, (garbage, points) => {
        const decoder = createBodyDecoder(CHUNKED_BODY, { maxBodyBytes: 1024 });
        for (const slice of splitAt(Buffer.from(garbage), points)) {
          const result = decoder.decode(slice);
          if (result.kind === "error") return;
          expect(result.consumed).toBeLessThanOrEqual(slice.length);
          const decoded = result.data.reduce((sum, part) => sum + part.length, 0);
          expect(decoded).toBeLessThanOrEqual(result.consumed);
          if (result.done) return;
        }
      }),
      { numRuns: RUNS },
    );
  });
});

const TCHARS = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".split("");
const PATH_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%".split("");
const HOST_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-.".split("");
const VCHARS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, index) => String.fromCharCode(0x21 + index)).concat(
  Array.from({ length: 0x80 }, (_, index) => String.fromCharCode(0x80 + index)),
);
/** Names the parser interprets; the generator leaves them to the fixed fields it adds itself. */
const SPECIAL_NAMES = new Set(["host", "content-length", "transfer-encoding", "connection", "expect"]);

const token = fc.string({ unit: fc.constantFrom(...TCHARS), minLength: 1, maxLength: 12 });
const fieldValue = fc
  .array(fc.string({ unit: fc.constantFrom(...VCHARS), minLength: 1, maxLength: 8 }), { maxLength: 4 })
  .chain((words) =>
    fc.array(fc.constantFrom(" ", "\t", "  "), { minLength: Math.max(0, words.length - 1), maxLength: Math.max(0, words.length - 1) }).map(
      (gaps) => words.map((word, index) => (index === 0 ? word : `${gaps[index - 1] ?? " "}${word}`)).join(""),
    ),
  );
const ows = fc.constantFrom("", " ", "\t", " \t ");

const wellFormedRequest = fc.record({
  method: token.filter((method) => method !== "CONNECT"),
  target: fc.string({ unit: fc.constantFrom(...PATH_CHARS), maxLength: 30 }).map((path) => `/${path.replace(/%/g, "%25")}`),
  version: fc.constantFrom("1.0" as const, "1.1" as const),
  host: fc.string({ unit: fc.constantFrom(...HOST_CHARS), minLength: 1, maxLength: 20 }),
  fields: fc.array(fc.tuple(token.filter((name) => !SPECIAL_NAMES.has(name.toLowerCase())), fieldValue, ows, ows), { maxLength: 12 }),
  body: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
});

describe("well-formed requests round-trip", () => {
  it("generated heads and bodies parse back to what was generated, in any slicing", () => {
    fc.assert(
      fc.property(wellFormedRequest, cutPoints, (request, points) => {
        const rawHeaders = ["Host", request.host];
        for (const [name, value] of request.fields) rawHeaders.push(name, value);
        if (request.body !== undefined) rawHeaders.push("Content-Length", String(request.body.length));
        const lines = [`${request.method} ${request.target} HTTP/${request.version}`, `Host: ${request.host}`];
        for (const [name, value, before, after] of request.fields) lines.push(`${name}:${before}${value}${after}`);
        if (request.body !== undefined) lines.push(`Content-Length: ${request.body.length}`);
        const wire = Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), request.body ?? Buffer.alloc(0)]);

        const outcome = replay(splitAt(wire, points));
        expect(outcome.error).toBeUndefined();
        expect(outcome.incomplete).toBe(false);
        expect(outcome.requests).toHaveLength(1);
        const parsed = outcome.requests[0];
        if (parsed === undefined) return;
        expect(parsed.method).toBe(request.method);
        expect(parsed.target).toBe(request.target);
        expect(parsed.version).toBe(request.version);
        expect(parsed.rawHeaders).toEqual(rawHeaders);
        expect(parsed.keepAlive).toBe(request.version === "1.1");
        expect(parsed.content).toBe(Buffer.from(request.body ?? []).toString("latin1"));
        expect(parsed.body).toEqual(request.body?.length ? { kind: "length", length: request.body.length } : { kind: "none" });

        // Serialising the parsed head again and re-parsing it gives the same head.
        const again: string[] = [`${parsed.method} ${parsed.target} ${parsed.protocol}`];
        for (let index = 0; index < parsed.rawHeaders.length; index += 2) {
          again.push(`${parsed.rawHeaders[index]}: ${parsed.rawHeaders[index + 1]}`);
        }
        const reparsed = replay([Buffer.from(`${again.join("\r\n")}\r\n\r\n`, "latin1"), request.body ? Buffer.from(request.body) : Buffer.alloc(0)]);
        expect(reparsed.requests).toEqual(outcome.requests);
      }),
      { numRuns: RUNS },
    );
  });
});
