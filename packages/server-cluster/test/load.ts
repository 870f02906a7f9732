// Test support: a bounded autocannon run through its programmatic API (the package ships no types).
import { createRequire } from "node:module";

/** The part of autocannon's result the tests read. */
export interface LoadResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  requests: { total: number };
  "2xx": number;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
}

type Autocannon = (options: AutocannonOptions, callback: (error: Error | null, result: LoadResult) => void) => unknown;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** Runs `connections` keep-alive connections against `url` for `durationSeconds`; requests time out after 10 s. */
export function runLoad(url: string, connections: number, durationSeconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: durationSeconds, timeout: 10 }, (error, result) => (error === null ? resolve(result) : reject(error)));
  });
}
