// The raw-request corpus, replayed whole, byte by byte, line by line and in seeded random splits.
import { describe, expect, it } from "vitest";
import { PARSE_ERROR_STATUS } from "../src/errors.js";
import type { ParseErrorCode } from "../src/errors.js";
import { loadCorpus, replay, splitBytes, splitLines, splitRandom, splitWhole } from "./parser-corpus.js";

/** Random splits per case; override the base seed with PARSER_SPLIT_SEED to replay a failure. */
const RANDOM_SPLITS_PER_CASE = 25;
const BASE_SEED = Number(process.env.PARSER_SPLIT_SEED ?? Math.floor(Math.random() * 2 ** 31));

const corpus = loadCorpus();

describe("request corpus", () => {
  it("has at least 25 valid and 40 invalid cases", () => {
    expect(corpus.filter((entry) => entry.valid).length).toBeGreaterThanOrEqual(25);
    expect(corpus.filter((entry) => !entry.valid).length).toBeGreaterThanOrEqual(40);
  });

  it("valid cases end cleanly and invalid ones end in an error or incomplete", () => {
    const mislabelled = corpus
      .filter((entry) => {
        const ends = entry.expected.error !== undefined || entry.expected.incomplete;
        return ends === entry.valid || (entry.valid && entry.expected.requests.length === 0);
      })
      .map((entry) => entry.name);
    expect(mislabelled).toEqual([]);
  });
});

describe.each(corpus.map((entry) => [entry.name, entry] as const))("%s", (_name, entry) => {
  it(`whole: ${entry.description}`, () => {
    expect(replay(splitWhole(entry.bytes), entry.limits)).toEqual(entry.expected);
  });

  it("byte by byte", () => {
    expect(replay(splitBytes(entry.bytes), entry.limits)).toEqual(entry.expected);
  });

  it("line by line", () => {
    expect(replay(splitLines(entry.bytes), entry.limits)).toEqual(entry.expected);
  });

  it("seeded random splits", () => {
    for (let round = 0; round < RANDOM_SPLITS_PER_CASE; round++) {
      const seed = (BASE_SEED + round) >>> 0;
      const slices = splitRandom(entry.bytes, seed);
      // The seed and slice sizes travel with the outcome so a failure prints them (PARSER_SPLIT_SEED replays it).
      const replayHint = `seed ${seed} from PARSER_SPLIT_SEED=${BASE_SEED}, slices ${slices.map((slice) => slice.length).join(",")}`;
      expect({ replayHint, outcome: replay(slices, entry.limits) }).toEqual({ replayHint, outcome: entry.expected });
    }
  });
});

describe("corpus coverage", () => {
  it("exercises every parse error code at least once", () => {
    const seen = new Set(corpus.map((entry) => entry.expected.error?.code).filter((code) => code !== undefined));
    expect(Object.keys(PARSE_ERROR_STATUS).filter((code) => !seen.has(code))).toEqual([]);
  });

  it("states for every error the status its code carries", () => {
    const wrongStatus = corpus
      .filter((entry) => {
        const error = entry.expected.error;
        return error !== undefined && error.status !== PARSE_ERROR_STATUS[error.code as ParseErrorCode];
      })
      .map((entry) => entry.name);
    expect(wrongStatus).toEqual([]);
  });
});
