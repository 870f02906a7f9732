// Turns a finished Response, or an HTTPError, into startResponse + a gateway Body; it never runs user code except media serializers.
import { reasonPhrase } from "@patchbay/gateway";
import type { Body, Environ, HeaderList, StartResponse } from "@patchbay/gateway";
import type { HTTPError, Problem } from "./http-error.js";
import { HTTPNotAcceptable } from "./http-errors.js";
import { ResourceError } from "./errors.js";
import type { MediaHandler, MediaHandlers } from "./media-handler.js";
import { headerListOf } from "./response.js";
import type { Response } from "./response.js";

/** The media type of every error body (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
const BYTES_CONTENT_TYPE = "application/octet-stream";
const EMPTY_BODY: Body = Object.freeze([]) as Body;

const statusLines = new Map<number, string>();
/** Most responses are 200: no map lookup for it. */
const OK_STATUS_LINE = `200 ${reasonPhrase(200)}`;

/** "200 OK" for 200; built once per status code. */
export function statusLine(status: number): string {
  let line = statusLines.get(status);
  if (line === undefined) {
    line = `${status} ${reasonPhrase(status)}`;
    // Only valid codes are cached, so a stray status cannot grow the map without bound.
    if (Number.isInteger(status) && status >= 100 && status <= 999) statusLines.set(status, line);
  }
  return line;
}

/**
 * The first Content-Type in the list (any case), or undefined. Used instead of response.contentType,
 * whose lower-casing of the name it looks for showed up as ~2% of a hello request in the profile.
 */
function contentTypeIn(headers: HeaderList): string | undefined {
  for (let index = 0; index < headers.length; index++) {
    const header = headers[index] as [string, string];
    if (header[0].length === 12 && header[0].toLowerCase() === "content-type") return header[1];
  }
  return undefined;
}

/** The handler for a Content-Type the responder set itself; a 500 when none is registered. */
function handlerForContentType(contentType: string, media: MediaHandlers): MediaHandler {
  const match = media.forContentType(contentType);
  if (match === undefined) throw new ResourceError("ERR_RESOURCE_NO_MEDIA_HANDLER", `response.media is set with Content-Type ${contentType}, which has no media handler`, { status: 500 });
  return match.handler;
}

/** The registered type the request's Accept prefers; HTTPNotAcceptable (406) when there is none. */
function negotiatedType(media: MediaHandlers, environ: Environ): string {
  const accept = environ.HTTP_ACCEPT;
  const chosen = media.negotiate(accept);
  if (chosen === undefined) {
    throw new HTTPNotAcceptable({ detail: `cannot answer in any type the Accept header allows (${accept ?? ""}); available: ${media.types.join(", ")}`, extensions: { available: media.types } });
  }
  return chosen;
}

/**
 * The status line of a final status other than 200; a 500 ResourceError for a status outside 200–599
 * (RFC 9110 §15: 1xx are the server's interim responses).
 */
function checkedStatusLine(status: number): string {
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new ResourceError("ERR_RESOURCE_INVALID_STATUS", `response.status must be an integer from 200 to 599, got ${String(status)}`, { status: 500 });
  }
  return statusLine(status);
}

/**
 * Starts the response and returns its body. A text, data or media body goes out as one chunk, so the
 * writer sends Content-Length; a stream is returned as is (chunked on HTTP/1.1) and the writer closes
 * it. Throws HTTPNotAcceptable when a media body has no acceptable type, and a ResourceError (500) for a
 * status outside 200–599, before startResponse sees it.
 *
 * Only a text body is handled here, the others in functions of their own: that keeps this small enough
 * for the optimizer to inline into the app's handler, within the inlining budget the whole request path
 * shares (as one function holding every case it was never inlined, a call and its argument passing,
 * ~4 ns per request, and it crowded the router and the request out of the budget).
 */
export function renderResponse(response: Response, media: MediaHandlers, environ: Environ, startResponse: StartResponse): Body {
  const status = response.status;
  // 200 first: the usual status skips the integer and range tests and the map lookup. The line is made
  // once, here, before anything (such as media negotiation) could answer otherwise.
  const line = status === 200 ? OK_STATUS_LINE : checkedStatusLine(status);
  // One getter for the kind and the text: response.text is undefined for any other body.
  const text = response.text;
  if (text === undefined) return renderOtherBody(response, line, media, environ, startResponse);
  const body: Body = [text];
  const headers = headerListOf(response);
  // With no header set, one fresh literal list (a header list handed to startResponse must be a new,
  // mutable array), no empty list grown by a push.
  // The literal spells TEXT_CONTENT_TYPE out: an all-constant nested literal is one boilerplate copy,
  // where a module constant in it is a checked load and a store per request (and more bytecode).
  startResponse(line, headers === undefined ? [["Content-Type", "text/plain; charset=utf-8"]] : withContentType(headers, TEXT_CONTENT_TYPE));
  return body;
}

/**
 * `headers` with Content-Type `type` added unless one is there. A constant, valid header with no
 * Content-Type to replace is pushed as is, since setHeader's name/value regexes, hop-by-hop check and
 * replace loop cost ~0.035 µs per response.
 */
function withContentType(headers: HeaderList, type: string): HeaderList {
  if (contentTypeIn(headers) === undefined) headers.push(["Content-Type", type]);
  return headers;
}

/** renderResponse for a body other than text: none, data, stream or media. */
function renderOtherBody(response: Response, line: string, media: MediaHandlers, environ: Environ, startResponse: StartResponse): Body {
  const kind = response.bodyKind;
  if (kind === "media") return renderMedia(response, line, media, environ, startResponse);
  let body: Body;
  let defaultType: string | undefined;
  if (kind === "none") {
    body = EMPTY_BODY;
  } else if (kind === "data") {
    body = [response.data as Uint8Array];
    defaultType = BYTES_CONTENT_TYPE;
  } else {
    body = response.stream as Body;
    defaultType = BYTES_CONTENT_TYPE;
  }
  const own = headerListOf(response);
  let headers: HeaderList;
  if (own === undefined) headers = defaultType === undefined ? [] : [["Content-Type", defaultType]];
  else headers = defaultType === undefined ? own : withContentType(own, defaultType);
  startResponse(line, headers);
  return body;
}

/** renderResponse for a media body: the handler for the Content-Type set, else for the type Accept prefers. */
function renderMedia(response: Response, line: string, media: MediaHandlers, environ: Environ, startResponse: StartResponse): Body {
  const headers = headerListOf(response) ?? [];
  let contentType = contentTypeIn(headers);
  let handler: MediaHandler;
  if (contentType !== undefined) {
    handler = handlerForContentType(contentType, media);
  } else {
    contentType = negotiatedType(media, environ);
    handler = media.get(contentType) as MediaHandler;
    // Pushed as is rather than through setHeader: a registered type and a constant are valid header
    // values and there is no Content-Type to replace (the checks cost ~0.04 µs per JSON response).
    headers.push(["Content-Type", contentType]);
    // RFC 9110 §12.5.5: the representation depends on Accept, so caches must key on it.
    if (media.types.length > 1) headers.push(["Vary", "Accept"]);
  }
  const body: Body = [handler.serialize(response.media, contentType)];
  startResponse(line, headers);
  return body;
}

/**
 * Starts a problem+json response for a problem document and returns its body (one chunk). `excInfo`
 * lets it replace a response already started but not yet sent (PEP 3333 "Error Handling").
 */
export function renderProblemDocument(problem: Problem, headers: HeaderList, startResponse: StartResponse, excInfo?: unknown): Body {
  startResponse(statusLine(problem.status), [["Content-Type", PROBLEM_CONTENT_TYPE], ...headers], excInfo);
  return [JSON.stringify(problem)];
}

/** Starts a problem+json response for an HTTPError (passed as excInfo) and returns its body. */
export function renderProblem(error: HTTPError, startResponse: StartResponse): Body {
  return renderProblemDocument(error.toProblem(), error.headers, startResponse, error);
}
