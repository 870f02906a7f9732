// The matrix contract as a bare gateway application (PEP 3333 style: one function, a path table, no framework), mounted again under MOUNT_PREFIX.
import type { Application, Body, Environ, StartResponse } from "@patchbay/gateway";
import { BOOM_MESSAGE, HELLO_HTML, MOUNT_PREFIX, greeting, pickEchoedEnviron, streamChunkCount } from "../src/contract.js";
import { hashBody } from "../src/hash-body.js";
import { largeBody } from "../src/large-body.js";
import { mountPrefix } from "../src/mount-prefix.js";
import { streamChunks } from "../src/stream-chunks.js";

type Handler = (environ: Environ, startResponse: StartResponse) => Body | Promise<Body>;

const FILES_PREFIX = "/files/";

function respondText(startResponse: StartResponse, status: string, contentType: string, text: string, extraHeaders: [string, string][] = []): Body {
  startResponse(status, [["Content-Type", contentType], ["Content-Length", String(Buffer.byteLength(text))], ...extraHeaders]);
  return [text];
}

function respondJson(startResponse: StartResponse, value: unknown): Body {
  return respondText(startResponse, "200 OK", "application/json", JSON.stringify(value));
}

function queryValue(environ: Environ, name: string): string | null {
  return new URLSearchParams(environ.QUERY_STRING).get(name);
}

/** Method → handler, per exact PATH_INFO. GET handlers also answer HEAD (the server's writer drops the body). */
const ROUTES: ReadonlyMap<string, Readonly<Record<string, Handler>>> = new Map<string, Record<string, Handler>>([
  ["/", { GET: (_environ, startResponse) => respondText(startResponse, "200 OK", "text/html; charset=utf-8", HELLO_HTML) }],
  ["/echo-environ", { GET: (environ, startResponse) => respondJson(startResponse, pickEchoedEnviron(environ)) }],
  ["/json", { GET: (environ, startResponse) => respondJson(startResponse, greeting(queryValue(environ, "name"))) }],
  ["/upload", { POST: async (environ, startResponse) => respondJson(startResponse, await hashBody(environ["gateway.input"])) }],
  [
    "/stream",
    {
      GET: (environ, startResponse) => {
        startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
        return streamChunks(streamChunkCount(queryValue(environ, "chunks")));
      },
    },
  ],
  [
    "/large",
    {
      GET: (_environ, startResponse) => {
        const body = largeBody();
        startResponse("200 OK", [["Content-Type", "application/octet-stream"], ["Content-Length", String(body.byteLength)]]);
        return [body];
      },
    },
  ],
  [
    "/boom",
    {
      GET: () => {
        throw new Error(BOOM_MESSAGE);
      },
    },
  ],
]);

function allowOf(handlers: Readonly<Record<string, Handler>>): string {
  const methods = Object.keys(handlers);
  if (methods.includes("GET")) methods.push("HEAD");
  return methods.sort().join(", ");
}

/** The contract as one gateway function: a path table, /files/<name> by prefix, 404 and 405 with Allow (RFC 9110 §15.5.6). */
function contractApplication(environ: Environ, startResponse: StartResponse): Body | Promise<Body> {
  const path = environ.PATH_INFO === "" ? "/" : environ.PATH_INFO;
  const method = environ.REQUEST_METHOD === "HEAD" ? "GET" : environ.REQUEST_METHOD;
  if (path.startsWith(FILES_PREFIX) && path.length > FILES_PREFIX.length && !path.includes("/", FILES_PREFIX.length)) {
    if (method !== "GET") return respondText(startResponse, "405 Method Not Allowed", "text/plain; charset=utf-8", "Method Not Allowed", [["Allow", "GET, HEAD"]]);
    return respondText(startResponse, "200 OK", "text/plain; charset=utf-8", path.slice(FILES_PREFIX.length));
  }
  const handlers = ROUTES.get(path);
  if (handlers === undefined) return respondText(startResponse, "404 Not Found", "text/plain; charset=utf-8", "Not Found");
  const handler = handlers[method];
  if (handler === undefined) return respondText(startResponse, "405 Method Not Allowed", "text/plain; charset=utf-8", "Method Not Allowed", [["Allow", allowOf(handlers)]]);
  return handler(environ, startResponse);
}

/** Builds the bare app: the contract at the root and again at MOUNT_PREFIX (shift-path, as wsgiref.util.shift_path_info). */
export function createBareApplication(): Application {
  return mountPrefix(MOUNT_PREFIX, contractApplication)(contractApplication);
}
