/**
 * Test support for the parser suites: loads the raw-request corpus byte for byte, replays bytes through
 * RequestParser + createBodyDecoder in any slicing, and splits buffers (whole, per byte, per line, seeded random).
 * No assertions here; no vitest import.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createBodyDecoder } from "../src/body-decoder.js";
import type { BodyDecoder, BodyLimits } from "../src/body-decoder.js";
import { RequestParser } from "../src/parser.js";
import type { HeadLimits, RequestHead } from "../src/parser.js";

/** Limits a corpus case may override (defaults otherwise). */
export type CorpusLimits = Partial<HeadLimits & BodyLimits>;

/** One parsed request: the head's fields, the decoded body (latin-1) and the trailers. */
export interface ReplayedRequest extends RequestHead {
  content: string;
  trailers: string[];
}

/** What a byte stream amounts to: the complete requests, then an error, or whether bytes of one more are pending. */
export interface ReplayOutcome {
  requests: ReplayedRequest[];
  error?: { code: string; status: number };
  /** True when the stream ended inside a request (head or body). */
  incomplete: boolean;
}

/** A corpus case: its bytes and the expected outcome from its .json file. */
export interface CorpusCase {
  /** "valid/001-get-origin-form" */
  name: string;
  valid: boolean;
  description: string;
  bytes: Buffer;
  limits: CorpusLimits;
  expected: ReplayOutcome;
}

const CORPUS_DIRECTORY = fileURLToPath(new URL("./fixtures/requests/", import.meta.url));

interface CaseFile {
  description: string;
  limits?: CorpusLimits;
  requests?: ReplayedRequest[];
  error?: { code: string; status: number };
  incomplete?: boolean;
}

/** Reads every case of the corpus; the .http bytes are read exactly (no text decoding, no line-end conversion). */
export function loadCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const group of ["valid", "invalid"] as const) {
    const directory = `${CORPUS_DIRECTORY}${group}/`;
    for (const file of readdirSync(directory).filter((name) => name.endsWith(".http")).sort()) {
      const stem = file.slice(0, -".http".length);
      const json = JSON.parse(readFileSync(`${directory}${stem}.json`, "utf8")) as CaseFile;
      const expected: ReplayOutcome = { requests: json.requests ?? [], incomplete: json.incomplete === true };
      if (json.error !== undefined) expected.error = json.error;
      cases.push({
        name: `${group}/${stem}`,
        valid: group === "valid",
        description: json.description,
        bytes: readFileSync(`${directory}${file}`),
        limits: json.limits ?? {},
        expected,
      });
    }
  }
  return cases;
}

/**
 * Feeds `slices` in order through one RequestParser and a body decoder per request, as a connection would.
 * Throws only when the parser breaks its own contract (a bug), never for bad input.
 */
export function replay(slices: readonly Buffer[], limits: CorpusLimits = {}): ReplayOutcome {
  const parser = new RequestParser(limits);
  const requests: ReplayedRequest[] = [];
  let head: RequestHead | undefined;
  let decoder: BodyDecoder | undefined;
  let body: Buffer[] = [];
  const finishRequest = (current: RequestHead, finished: BodyDecoder): void => {
    requests.push({ ...current, content: Buffer.concat(body).toString("latin1"), trailers: [...finished.trailers] });
    body = [];
    head = undefined;
    decoder = undefined;
  };
  for (const slice of slices) {
    let offset = 0;
    while (offset < slice.length) {
      if (head === undefined || decoder === undefined) {
        const result = parser.parseHead(slice, offset);
        if (result.kind === "error") return { requests, error: { code: result.code, status: result.status }, incomplete: false };
        if (result.kind === "incomplete") break;
        if (result.consumed <= 0 || offset + result.consumed > slice.length) throw new Error(`bad consumed ${result.consumed}`);
        offset += result.consumed;
        head = result.head;
        decoder = createBodyDecoder(head.body, limits);
        if (decoder.done) finishRequest(head, decoder);
      } else {
        const result = decoder.decode(slice, offset);
        if (result.kind === "error") return { requests, error: { code: result.code, status: result.status }, incomplete: false };
        for (const part of result.data) body.push(Buffer.from(part));
        if (!result.done && offset + result.consumed !== slice.length) throw new Error("decoder stopped early without done");
        offset += result.consumed;
        if (result.done) finishRequest(head, decoder);
      }
    }
  }
  return { requests, incomplete: head !== undefined || !parser.isIdle };
}

/** The whole buffer as one slice. */
export function splitWhole(bytes: Buffer): Buffer[] {
  return [bytes];
}

/** One slice per byte. */
export function splitBytes(bytes: Buffer): Buffer[] {
  const slices: Buffer[] = [];
  for (let index = 0; index < bytes.length; index++) slices.push(bytes.subarray(index, index + 1));
  return slices;
}

/** One slice per line, each ending after its LF (the last may have none). */
export function splitLines(bytes: Buffer): Buffer[] {
  const slices: Buffer[] = [];
  let start = 0;
  for (let lineFeed = bytes.indexOf(10); lineFeed !== -1; lineFeed = bytes.indexOf(10, start)) {
    slices.push(bytes.subarray(start, lineFeed + 1));
    start = lineFeed + 1;
  }
  if (start < bytes.length) slices.push(bytes.subarray(start));
  return slices;
}

/** mulberry32: a tiny seeded PRNG, so a failing random split can be replayed from its seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `bytes` at random points drawn from `seed`; slices are never empty. */
export function splitRandom(bytes: Buffer, seed: number): Buffer[] {
  const random = createRandom(seed);
  const slices: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    // Mostly short slices (they hit the most boundaries), sometimes long ones.
    const size = random() < 0.8 ? 1 + Math.floor(random() * 8) : 1 + Math.floor(random() * bytes.length);
    slices.push(bytes.subarray(start, Math.min(bytes.length, start + size)));
    start += size;
  }
  return slices;
}
