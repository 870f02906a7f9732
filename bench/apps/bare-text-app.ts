// The bare gateway app answering with its text as a string: the gateway's string path without any framework.
import type { Application, HeaderList } from "@patchbay/gateway";
import { HELLO_PATH, HELLO_TEXT } from "./hello-response.js";

const TEXT_HEADERS: HeaderList = [["Content-Type", "text/plain; charset=utf-8"]];

/**
 * Answers 200 "Hello, world!" (text/plain) on /hello and 404 elsewhere, returning the text as a string and no
 * Content-Length, as the frameworks do: the writer measures it and the sink encodes it.
 */
export const app: Application = (environ, startResponse) => {
  if (environ.PATH_INFO === HELLO_PATH) {
    startResponse("200 OK", TEXT_HEADERS);
    return [HELLO_TEXT];
  }
  startResponse("404 Not Found", TEXT_HEADERS);
  return ["Not Found\n"];
};
