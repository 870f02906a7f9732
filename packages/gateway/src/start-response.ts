/**
 * Checks what an application passes to startResponse (G-4) and notes what the writer needs from it.
 * Apps repeat a handful of status lines and header names, so each distinct one is parsed once. No I/O.
 */
import { GatewayError } from "./errors.js";
import { FIELD_NAME_PATTERN, FIELD_VALUE_PATTERN, HOP_BY_HOP_HEADERS } from "./headers.js";
import type { HeaderList } from "./types.js";

/** The status and headers an app chose, validated, plus what the writer learnt from them. */
export interface PendingHead {
  status: number;
  reason: string;
  headers: HeaderList;
  contentLength: number | undefined;
  hasDate: boolean;
  hasServer: boolean;
}

/** A valid status line split into its parts. */
interface StatusLine {
  readonly code: number;
  readonly reason: string;
}

/** What a header name means to the writer. */
const PLAIN = 0;
const CONTENT_LENGTH = 1;
const DATE = 2;
const SERVER = 3;
const HOP_BY_HOP = 4;
type HeaderKind = typeof PLAIN | typeof CONTENT_LENGTH | typeof DATE | typeof SERVER | typeof HOP_BY_HOP;

/** Bounds each cache: an app that invents names or reasons per request must not grow it without end. */
const CACHE_LIMIT = 1000;

const STATUS_LINE_PATTERN = /^([1-9]\d\d) ([\t\x20-\x7e\x80-\xff]*)$/;

// A regex exec, its match array and a Number() per response cost ~60 ns; a Map hit ~10 ns.
const statusLines = new Map<string, StatusLine>();
// Token regex plus toLowerCase() per header cost ~40 ns; a Map hit ~10 ns.
const headerKinds = new Map<string, HeaderKind>();

function parseStatusLine(status: string): StatusLine {
  let line = statusLines.get(status);
  if (line !== undefined) return line;
  const match = typeof status === "string" ? STATUS_LINE_PATTERN.exec(status) : null;
  if (match === null) {
    throw new GatewayError("ERR_GATEWAY_INVALID_STATUS", `status must be "NNN Reason" (3 digits, a space, no CR/LF), got ${JSON.stringify(status)}`);
  }
  const code = Number(match[1]);
  if (code < 200) throw new GatewayError("ERR_GATEWAY_INVALID_STATUS", `status ${code}: an application cannot send a 1xx response through startResponse`);
  line = { code, reason: match[2] ?? "" };
  if (statusLines.size < CACHE_LIMIT) statusLines.set(status, line);
  return line;
}

/** The kind of a header name, or undefined when it is not a token. */
function headerKind(name: string): HeaderKind | undefined {
  let kind = headerKinds.get(name);
  if (kind !== undefined) return kind;
  if (!FIELD_NAME_PATTERN.test(name)) return undefined;
  const lower = name.toLowerCase();
  kind = HOP_BY_HOP_HEADERS.has(lower) ? HOP_BY_HOP : lower === "content-length" ? CONTENT_LENGTH : lower === "date" ? DATE : lower === "server" ? SERVER : PLAIN;
  if (headerKinds.size < CACHE_LIMIT) headerKinds.set(name, kind);
  return kind;
}

/** True for one or more decimal digits (what G-4.9 allows in Content-Length). */
function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Validates startResponse's arguments; throws a GatewayError naming the first thing wrong. */
export function parseStartResponse(status: string, headers: HeaderList): PendingHead {
  const { code, reason } = parseStatusLine(status);
  if (!Array.isArray(headers)) throw new GatewayError("ERR_GATEWAY_INVALID_HEADER", "headers must be an array of [name, value] pairs");
  let contentLength: number | undefined;
  let hasDate = false;
  let hasServer = false;
  for (let index = 0; index < headers.length; index++) {
    const header: unknown = headers[index];
    if (!Array.isArray(header) || header.length !== 2) throw new GatewayError("ERR_GATEWAY_INVALID_HEADER", `each header must be a [name, value] pair, got ${JSON.stringify(header)}`);
    const name: unknown = header[0];
    const value: unknown = header[1];
    const kind = typeof name === "string" ? headerKind(name) : undefined;
    if (kind === undefined) throw new GatewayError("ERR_GATEWAY_INVALID_HEADER", `header name is not a token: ${JSON.stringify(name)}`);
    if (typeof value !== "string" || !FIELD_VALUE_PATTERN.test(value)) throw new GatewayError("ERR_GATEWAY_INVALID_HEADER", `header ${name as string} has a value with CR, LF, NUL or a non-latin-1 character: ${JSON.stringify(value)}`);
    if (kind === PLAIN) continue;
    if (kind === HOP_BY_HOP) throw new GatewayError("ERR_GATEWAY_HOP_BY_HOP_HEADER", `hop-by-hop header ${name as string} is the server's to set, not the application's`);
    if (kind === CONTENT_LENGTH) {
      if (!isDigits(value)) throw new GatewayError("ERR_GATEWAY_INVALID_HEADER", `Content-Length must be digits, got ${JSON.stringify(value)}`);
      contentLength = Number(value);
    } else if (kind === DATE) hasDate = true;
    else hasServer = true;
  }
  return { status: code, reason, headers, contentLength, hasDate, hasServer };
}
