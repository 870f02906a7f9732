/**
 * Turns what a chain recorded on `ctx.response` into the gateway response: status line, header list
 * and Body. It calls startResponse last, so anything that can fail (JSON) fails before it.
 */
import { reasonPhrase, type Body, type StartResponse } from "@patchbay/gateway";
import { defaultContentType, headerListWithDefault, setDefaultContentType } from "./chain-response.js";
import type { Context } from "./context.js";
import { InvalidBodyError } from "./errors.js";
import { isStreamSource, StreamBody } from "./stream-body.js";

/** Receives a failure of a streamed body, with the context it belongs to. */
export type StreamErrorReporter<State> = (error: unknown, context: Context<State>) => void;

const NO_CONTENT: Body = Object.freeze([]) as Body;
const HTML_START = /^\s*</;
const LESS_THAN = 60;
const SPACE = 32;
const DELETE = 127;

// The defaults as full values: looking up the ctx.type shorthand and checking the header cost ~0.1 µs.
const HTML = defaultContentType("text/html; charset=utf-8");
const TEXT = defaultContentType("text/plain; charset=utf-8");
const BINARY = defaultContentType("application/octet-stream");
const JSON_TYPE = defaultContentType("application/json; charset=utf-8");

/** Status lines by code, built on first use: the template string and reason lookup cost ~40 ns a response. */
const statusLines: string[] = [];

// Small on purpose, the first use apart: the optimiser inlines callees only up to a bytecode budget
// per compiled function, and what is left over becomes a call of its own (~2 ns each).
function statusLine(status: number): string {
  return statusLines[status] ?? newStatusLine(status);
}

function newStatusLine(status: number): string {
  return (statusLines[status] = `${status} ${reasonPhrase(status)}`);
}

/** True when `body` starts with "<" after optional whitespace (the html default). */
function looksLikeHtml(body: string): boolean {
  const first = body.charCodeAt(0);
  if (first === LESS_THAN) return true;
  // A printable ASCII first character other than "<" decides without the regex (~30 ns).
  if (first > SPACE && first < DELETE) return false;
  return HTML_START.test(body);
}

/**
 * Starts the response recorded on `context` and returns its body. Strings default to text/html when
 * they start with "<", else text/plain; bytes and streams to application/octet-stream; other values are
 * sent as JSON. A body never set answers with the status's reason phrase (404 "Not Found" by default);
 * null, 204, 205 and 304 answer with no content (RFC 9110 §15.3.5, §15.3.6, §15.4.5).
 * Throws ERR_CHAIN_INVALID_BODY, before startResponse, for a body JSON cannot represent.
 */
export function respond<State>(context: Context<State>, startResponse: StartResponse, reportStreamError: StreamErrorReporter<State>): Body {
  const response = context.response;
  const body = response.body;
  // The usual answer, a string with a content status, in a few lines (inlined into the app's
  // dispatch); every other body in respondOther.
  if (typeof body === "string") {
    const status = response.status;
    if (status !== 204 && status !== 205 && status !== 304) {
      startResponse(statusLine(status), headerListWithDefault(response, looksLikeHtml(body) ? HTML : TEXT));
      return [body];
    }
  }
  return respondOther(context, startResponse, reportStreamError);
}

/** respond() for every body but a string with a content status. */
function respondOther<State>(context: Context<State>, startResponse: StartResponse, reportStreamError: StreamErrorReporter<State>): Body {
  const response = context.response;
  const status = response.status;
  const body = response.body;
  let result: Body;
  if (status === 204 || status === 205 || status === 304 || body === null) {
    response.remove("content-type");
    response.remove("content-length");
    result = NO_CONTENT;
  } else if (body instanceof Uint8Array) {
    setDefaultContentType(response, BINARY);
    result = [body];
  } else if (body === undefined) {
    response.type = "text";
    result = [reasonPhrase(status)];
  } else if (isStreamSource(body)) {
    setDefaultContentType(response, BINARY);
    result = new StreamBody(body, (error) => reportStreamError(error, context));
  } else {
    result = [toJson(body)];
    setDefaultContentType(response, JSON_TYPE);
  }
  startResponse(statusLine(status), response.toHeaderList());
  return result;
}

function toJson(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new InvalidBodyError(`ctx.body cannot be sent as JSON: ${(error as Error).message}`, error);
  }
  if (json === undefined) throw new InvalidBodyError(`ctx.body of type ${typeof value} cannot be sent as JSON`);
  return json;
}
