// The contract every matrix app implements, as data: paths, payloads, sizes and expected answers. No I/O, no app code.
import type { Environ } from "@patchbay/gateway";

/** GET / answers this markup as `text/html`. */
export const HELLO_HTML = "<h1>Hello, matrix</h1>";

/** Every app also serves the whole contract below this prefix, with the prefix moved to SCRIPT_NAME. */
export const MOUNT_PREFIX = "/mounted";

/** Chunks GET /stream sends when the query gives no `chunks=N`. */
export const STREAM_CHUNK_COUNT = 8;

/** Upper bound of `chunks=N` on GET /stream, so a request cannot make an app loop for long. */
export const MAX_STREAM_CHUNKS = 1000;

/** Size of the GET /large response: 5 MiB. */
export const LARGE_RESPONSE_BYTES = 5 * 1024 * 1024;

/** Size of the POST /upload body of the big-upload scenario: 10 MiB. */
export const LARGE_UPLOAD_BYTES = 10 * 1024 * 1024;

/** URL prefix of the static mount every server has beside the app. */
export const STATIC_PREFIX = "/static";

/** A file in the static directory, served as STATIC_PREFIX/STATIC_FILE_NAME. */
export const STATIC_FILE_NAME = "hello.txt";

/** GET /boom throws an Error with this message; it must reach the error log and never the client. */
export const BOOM_MESSAGE = "matrix boom: this detail must never reach the client";

/** The name GET /json greets when the query has no `name`. */
export const DEFAULT_GREETING_NAME = "world";

/** The environ keys GET /echo-environ answers, as a JSON object. */
export interface EchoedEnviron {
  REQUEST_METHOD: string;
  SCRIPT_NAME: string;
  PATH_INFO: string;
  QUERY_STRING: string;
}

/** What POST /upload answers: the byte length and the hex SHA-256 of the whole request body. */
export interface UploadDigest {
  bytes: number;
  sha256: string;
}

/** What GET /json?name=… answers. */
export interface Greeting {
  greeting: string;
}

/** The text of chunk `index` (from 0) of GET /stream. */
export function streamChunk(index: number): string {
  return `chunk ${index}\n`;
}

/** The chunk count asked for by GET /stream's query value `chunks` (absent or invalid: STREAM_CHUNK_COUNT). */
export function streamChunkCount(value: string | null | undefined): number {
  const count = value === null || value === undefined || !/^\d{1,4}$/.test(value) ? STREAM_CHUNK_COUNT : Number(value);
  return Math.min(count, MAX_STREAM_CHUNKS);
}

/** The GET /json answer for `name` (absent: DEFAULT_GREETING_NAME). */
export function greeting(name: string | null | undefined): Greeting {
  return { greeting: `Hello, ${name ?? DEFAULT_GREETING_NAME}` };
}

/** The GET /echo-environ answer of a gateway app: the four keys, as the server and any mount set them. */
export function pickEchoedEnviron(environ: Environ): EchoedEnviron {
  return {
    REQUEST_METHOD: environ.REQUEST_METHOD,
    SCRIPT_NAME: environ.SCRIPT_NAME,
    PATH_INFO: environ.PATH_INFO,
    QUERY_STRING: environ.QUERY_STRING,
  };
}
