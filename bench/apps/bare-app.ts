// The bare gateway app of the bench: the hello route with no framework, the baseline of every framework figure.
import type { Application, HeaderList } from "@patchbay/gateway";
import { HELLO_PATH, HELLO_TEXT } from "./hello-response.js";

const HELLO_BODY: readonly Uint8Array[] = [Buffer.from(HELLO_TEXT, "utf8")];
const NOT_FOUND_BODY: readonly Uint8Array[] = [Buffer.from("Not Found\n", "utf8")];
// The writer copies the list before adding its own headers (response-writer.ts), so one list serves every request.
const HELLO_HEADERS: HeaderList = [
  ["Content-Type", "text/plain; charset=utf-8"],
  ["Content-Length", String(HELLO_TEXT.length)],
];
const NOT_FOUND_HEADERS: HeaderList = [
  ["Content-Type", "text/plain; charset=utf-8"],
  ["Content-Length", "10"],
];

/** Answers 200 "Hello, world!" (text/plain) on /hello and 404 elsewhere; allocates nothing per request. */
export const app: Application = (environ, startResponse) => {
  if (environ.PATH_INFO === HELLO_PATH) {
    startResponse("200 OK", HELLO_HEADERS);
    return HELLO_BODY;
  }
  startResponse("404 Not Found", NOT_FOUND_HEADERS);
  return NOT_FOUND_BODY;
};
