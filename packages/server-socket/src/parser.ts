/**
 * Incremental, strict HTTP/1.1 request-head parser (RFC 9112 §2-§6, §9.3): bytes in, head or error value out.
 * Pure: no I/O, no timers, never throws on input. It does not read bodies (see body-decoder.ts).
 * Over 500 lines on purpose: one state machine whose per-field rules share its private per-request state; split
 * apart, the hot path would pay for the indirection. The field grammar itself lives in grammar.ts.
 */
import { createParseError } from "./errors.js";
import type { ParseError } from "./errors.js";
import {
  CONTENT_LENGTH_CONFLICT,
  CONTENT_LENGTH_OVERFLOW,
  CR,
  LF,
  SP,
  TARGET_BYTE,
  equalsIgnoringCase,
  findComma,
  hasListMember,
  isValidHost,
  isValidParameters,
  parseContentLength,
  scanFieldLine,
  scanToken,
  schemePrefixLength,
  skipOws,
  trimOwsEnd,
} from "./grammar.js";
import type { FieldLineBounds } from "./grammar.js";
import { appendPending } from "./append-pending.js";

/** Default longest request line, in bytes, CRLF excluded (as gunicorn's limit_request_line). */
export const MAX_REQUEST_LINE_BYTES = 8190;
/** Default most header fields in one request. */
export const MAX_HEADER_COUNT = 100;
/** Default largest header section, in bytes: every field line and the final empty line, CRLFs included. */
export const MAX_HEADER_BYTES = 16384;
/** Default largest request body, in bytes (1 GiB). */
export const MAX_BODY_BYTES = 1024 * 1024 * 1024;

/** Limits of one request head; the same names as server-kit's ServerLimits, so those can be passed as is. */
export interface HeadLimits {
  /** Longest request line in bytes, CRLF excluded (414 beyond). Default MAX_REQUEST_LINE_BYTES (8190). */
  maxRequestLineBytes: number;
  /** Most header fields (431 beyond). Default MAX_HEADER_COUNT (100). */
  maxHeaderCount: number;
  /** Largest header section in bytes, field lines plus the empty line, CRLFs included (431 beyond). Default 16384. */
  maxHeaderBytes: number;
  /** Largest body; a Content-Length above it is refused with 413 before any body byte is read. Default 1 GiB. */
  maxBodyBytes: number;
}

/** How the request body is delimited (RFC 9112 §6.3). A Content-Length of 0 is `none`. */
export type BodyFraming =
  | { readonly kind: "none" }
  | { readonly kind: "length"; readonly length: number }
  | { readonly kind: "chunked" };

/** The framing of a request without a body (RFC 9112 §6.3 rule 7: no CL and no TE means length 0). */
export const NO_BODY: BodyFraming = Object.freeze({ kind: "none" });
/** The framing of a chunked request body (RFC 9112 §7.1). */
export const CHUNKED_BODY: BodyFraming = Object.freeze({ kind: "chunked" });

/** A parsed and validated request head. */
export interface RequestHead {
  /** Method token, case preserved (RFC 9110 §9.1: methods are case-sensitive). Unknown tokens are allowed. */
  readonly method: string;
  /** Raw request target, as sent (latin-1 string: one char per byte). */
  readonly target: string;
  /** origin-form "/p?q", absolute-form "http://h/p" (take the authority from it, RFC 9112 §3.2.2), or "*". */
  readonly targetForm: "origin" | "absolute" | "asterisk";
  readonly version: "1.0" | "1.1";
  /** "HTTP/1.0" or "HTTP/1.1", for SERVER_PROTOCOL. */
  readonly protocol: "HTTP/1.0" | "HTTP/1.1";
  /** Flat [name, value, name, value, …] with original-case names and OWS-trimmed values, like node's rawHeaders. */
  readonly rawHeaders: string[];
  /** The client's persistence wish (RFC 9112 §9.3): 1.1 unless "Connection: close"; 1.0 only with "keep-alive". */
  readonly keepAlive: boolean;
  /** "Expect: 100-continue" on HTTP/1.1 (RFC 9110 §10.1.1; ignored on 1.0). Send 100 on the first body read. */
  readonly expectContinue: boolean;
  readonly body: BodyFraming;
  /** The connection must close after this request's response (currently exactly when !keepAlive). */
  readonly mustClose: boolean;
}

/** A complete head: `consumed` bytes from `offset` belong to it; the rest is body or the next request. */
export interface HeadComplete {
  readonly kind: "head";
  readonly head: RequestHead;
  readonly consumed: number;
}

/** The head is not complete yet; every byte given was consumed (kept internally). Feed the next slice. */
export interface HeadIncomplete {
  readonly kind: "incomplete";
}

/** What `RequestParser.parseHead` returns. */
export type HeadResult = HeadComplete | HeadIncomplete | ParseError;

const INCOMPLETE: HeadIncomplete = Object.freeze({ kind: "incomplete" });

const STATE_REQUEST_LINE = 0;
const STATE_HEADERS = 1;

const LINE_CONTINUE = 0;
const LINE_HEAD_DONE = 1;
const LINE_ERROR = 2;

const VERSION_1_0 = 10;
const VERSION_1_1 = 11;

/** Smallest buffer kept for a line split across slices. */
const MIN_PENDING_BYTES = 256;

/** Slots of the field-name cache (a power of two). */
const NAME_CACHE_SLOTS = 512;
/** Slots of a parser's own cache of recent field values and targets (a power of two). */
const RECENT_CACHE_SLOTS = 32;
/**
 * Longest field value or target looked up in a parser's recent cache: short values repeat on every request of
 * a client (Host, Accept-Encoding, Connection, the same paths), and comparing a few bytes is cheaper than a
 * string allocation. Longer ones (User-Agent, Accept, cookies) are left out: there a JS compare, or a miss on a
 * changing value, costs more than the native copy (measured with browser-like heads).
 */
const MAX_CACHED_VALUE_BYTES = 32;

type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * Bytes [start, end) as a latin-1 string. Buffer#latin1Slice is what toString("latin1") ends in, minus its
 * per-call argument handling (a third of the head-parsing time); toString is the fallback should it disappear.
 */
const latin1: (buffer: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as Partial<Latin1Buffer>).latin1Slice === "function"
    ? (buffer, start, end) => (buffer as Latin1Buffer).latin1Slice(start, end)
    : (buffer, start, end) => buffer.toString("latin1", start, end);

/**
 * Recently seen field names, so the same names on every request (Host, Accept, …) cost a compare instead of a
 * string allocation. Shared by all parsers: entries are immutable strings and a collision only evicts.
 */
const nameCache: (string | undefined)[] = Array.from<string | undefined>({ length: NAME_CACHE_SLOTS });

/**
 * Bytes [start, end) as a latin-1 string, from `cache` (its length a power of two) when the same bytes were
 * seen last in their slot.
 */
function cachedLatin1(cache: (string | undefined)[], buffer: Buffer, start: number, end: number): string {
  const length = end - start;
  const slot =
    (length * 31 + (buffer[start] as number) * 7 + (buffer[end - 1] as number) * 3 + (buffer[start + (length >> 1)] as number)) &
    (cache.length - 1);
  const cached = cache[slot];
  if (cached !== undefined && cached.length === length) {
    let index = 0;
    while (index < length && cached.charCodeAt(index) === buffer[start + index]) index++;
    if (index === length) return cached;
  }
  const text = latin1(buffer, start, end);
  cache[slot] = text;
  return text;
}

function fieldName(buffer: Buffer, start: number, end: number): string {
  return cachedLatin1(nameCache, buffer, start, end);
}

/** A field value or request target, through `recent` (a parser's own cache) when short. */
function recentText(recent: (string | undefined)[], buffer: Buffer, start: number, end: number): string {
  const length = end - start;
  if (length === 0) return "";
  return length <= MAX_CACHED_VALUE_BYTES ? cachedLatin1(recent, buffer, start, end) : latin1(buffer, start, end);
}

function methodFromBytes(buffer: Buffer, start: number, end: number): string {
  // Interning the common methods spares a string allocation per request.
  switch (end - start) {
    case 3:
      if (buffer[start] === 0x47 && buffer[start + 1] === 0x45 && buffer[start + 2] === 0x54) return "GET";
      if (buffer[start] === 0x50 && buffer[start + 1] === 0x55 && buffer[start + 2] === 0x54) return "PUT";
      break;
    case 4:
      if (buffer[start] === 0x50 && buffer[start + 1] === 0x4f && buffer[start + 2] === 0x53 && buffer[start + 3] === 0x54) {
        return "POST";
      }
      if (buffer[start] === 0x48 && buffer[start + 1] === 0x45 && buffer[start + 2] === 0x41 && buffer[start + 3] === 0x44) {
        return "HEAD";
      }
      break;
  }
  return latin1(buffer, start, end);
}

/**
 * An incremental HTTP/1.1 request-head parser. Feed it the bytes of a connection in any slicing, one byte at a
 * time included: `parseHead(buffer, offset)` returns the head with the bytes it consumed, "incomplete" (all bytes
 * kept), or an error value with its HTTP status. After a head it is ready for the next one (pipelining); after an
 * error it keeps returning that error until `reset()`: answer the status, then close the connection.
 *
 * Strict on purpose (request smuggling is a disagreement between two parsers): LF-only line ends, bare CR,
 * obs-fold, whitespace before a colon, ambiguous framing and unknown transfer codings are refused.
 */
export class RequestParser {
  private readonly maxRequestLineBytes: number;
  private readonly maxHeaderCount: number;
  private readonly maxHeaderBytes: number;
  private readonly maxBodyBytes: number;

  private state = STATE_REQUEST_LINE;
  private error: ParseError | undefined = undefined;
  /** Bytes of a line split across slices; only ever holds one partial line. */
  private pending: Buffer | undefined = undefined;
  private pendingLength = 0;
  private completedHead: RequestHead | undefined = undefined;
  private readonly bounds: FieldLineBounds = { nameEnd: 0, valueStart: 0, valueEnd: 0 };
  /**
   * Recent field values and targets of this parser's connection. Per parser, not shared like the names: values
   * may be secrets (cookies, tokens), and one client must neither keep another's alive nor time its lookups.
   */
  private readonly recent: (string | undefined)[] = Array.from<string | undefined>({ length: RECENT_CACHE_SLOTS });

  // Per-request state, cleared by startRequest().
  private leadingBytes = 0;
  private headerBytes = 0;
  private headerCount = 0;
  private method = "";
  private target = "";
  private targetForm: RequestHead["targetForm"] = "origin";
  private version = VERSION_1_1;
  private rawHeaders: string[] = [];
  private hostCount = 0;
  private contentLength = -1;
  private hasTransferEncoding = false;
  private hasChunked = false;
  private hasUnsupportedCoding = false;
  private connectionClose = false;
  private connectionKeepAlive = false;
  private expectsContinue = false;

  /** Limits default to MAX_REQUEST_LINE_BYTES, MAX_HEADER_COUNT, MAX_HEADER_BYTES and MAX_BODY_BYTES. */
  constructor(limits: Partial<HeadLimits> = {}) {
    this.maxRequestLineBytes = limits.maxRequestLineBytes ?? MAX_REQUEST_LINE_BYTES;
    this.maxHeaderCount = limits.maxHeaderCount ?? MAX_HEADER_COUNT;
    this.maxHeaderBytes = limits.maxHeaderBytes ?? MAX_HEADER_BYTES;
    this.maxBodyBytes = limits.maxBodyBytes ?? MAX_BODY_BYTES;
  }

  /** True when no byte of a next request has been received: closing now loses nothing. */
  get isIdle(): boolean {
    return this.state === STATE_REQUEST_LINE && this.pendingLength === 0 && this.leadingBytes === 0 && !this.error;
  }

  /** Forgets all state, including a sticky error. */
  reset(): void {
    this.error = undefined;
    this.pendingLength = 0;
    this.startRequest();
  }

  /**
   * Parses from `buffer[offset]` on. Returns `{ kind: "head", head, consumed }` once the empty line ending the head
   * is seen (`consumed` counts bytes from `offset`), `{ kind: "incomplete" }` when every byte was consumed and more
   * are needed, or a ParseError value. The buffer is not retained; a partial line is copied.
   */
  parseHead(buffer: Buffer, offset = 0): HeadResult {
    if (this.error !== undefined) return this.error;
    const end = buffer.length;
    let position = offset;
    if (this.pendingLength > 0) {
      const lineFeed = buffer.indexOf(LF, position);
      const partialEnd = lineFeed === -1 ? end : lineFeed;
      const tooLong = this.checkPartialLine(this.pendingLength + partialEnd - position);
      if (tooLong !== undefined) return tooLong;
      this.appendPending(buffer, position, partialEnd);
      if (lineFeed === -1) return INCOMPLETE;
      const outcome = this.processLine(this.pending as Buffer, 0, this.pendingLength);
      this.pendingLength = 0;
      position = lineFeed + 1;
      if (outcome !== LINE_CONTINUE) return this.finishLine(outcome, position - offset);
    }
    while (position < end) {
      const lineFeed = buffer.indexOf(LF, position);
      if (lineFeed === -1) {
        const tooLong = this.checkPartialLine(end - position);
        if (tooLong !== undefined) return tooLong;
        this.appendPending(buffer, position, end);
        return INCOMPLETE;
      }
      const outcome = this.processLine(buffer, position, lineFeed);
      position = lineFeed + 1;
      if (outcome !== LINE_CONTINUE) return this.finishLine(outcome, position - offset);
    }
    return INCOMPLETE;
  }

  private finishLine(outcome: number, consumed: number): HeadResult {
    if (outcome === LINE_ERROR) return this.error as ParseError;
    const head = this.completedHead as RequestHead;
    this.completedHead = undefined;
    this.startRequest();
    return { kind: "head", head, consumed };
  }

  /**
   * A limit check on a line still missing its LF, so a slow or endless line fails as soon as it is too long and
   * never grows the pending buffer past the limit. The whole-line checks in processLine give the same verdict.
   */
  private checkPartialLine(partialLength: number): ParseError | undefined {
    if (this.state === STATE_REQUEST_LINE) {
      // +1: the partial line may end in the CR of its CRLF.
      if (this.leadingBytes + partialLength <= this.maxRequestLineBytes + 1) return undefined;
      this.fail("ERR_SOCKET_REQUEST_LINE_TOO_LONG", "request line too long");
    } else {
      if (this.headerBytes + partialLength <= this.maxHeaderBytes) return undefined;
      this.fail("ERR_SOCKET_HEAD_TOO_LARGE", "header section too large");
    }
    return this.error;
  }

  private appendPending(buffer: Buffer, start: number, end: number): void {
    this.pending = appendPending(this.pending, this.pendingLength, buffer, start, end, MIN_PENDING_BYTES);
    this.pendingLength += end - start;
  }

  private fail(code: ParseError["code"], message: string): number {
    this.error = createParseError(code, message);
    return LINE_ERROR;
  }

  /** One line, bytes [start, lineFeed) of `source`, where source[lineFeed] is its LF. */
  private processLine(source: Buffer, start: number, lineFeed: number): number {
    const hasCarriageReturn = lineFeed > start && source[lineFeed - 1] === CR;
    const contentEnd = hasCarriageReturn ? lineFeed - 1 : lineFeed;
    if (this.state === STATE_HEADERS) {
      this.headerBytes += lineFeed + 1 - start;
      if (this.headerBytes > this.maxHeaderBytes) return this.fail("ERR_SOCKET_HEAD_TOO_LARGE", "header section too large");
      if (!hasCarriageReturn) return this.fail("ERR_SOCKET_BAD_LINE_ENDING", "line ends in LF without CR (RFC 9112 §2.2)");
      if (contentEnd === start) return this.finishHead();
      return this.processFieldLine(source, start, contentEnd);
    }
    if (contentEnd === start) {
      // RFC 9112 §2.2: SHOULD ignore at least one empty line before the request line; they count toward its limit.
      this.leadingBytes += lineFeed + 1 - start;
      if (this.leadingBytes > this.maxRequestLineBytes) {
        return this.fail("ERR_SOCKET_REQUEST_LINE_TOO_LONG", "too many empty lines before the request line");
      }
      if (!hasCarriageReturn) return this.fail("ERR_SOCKET_BAD_LINE_ENDING", "line ends in LF without CR (RFC 9112 §2.2)");
      return LINE_CONTINUE;
    }
    if (this.leadingBytes + contentEnd - start > this.maxRequestLineBytes) {
      return this.fail("ERR_SOCKET_REQUEST_LINE_TOO_LONG", "request line too long");
    }
    if (!hasCarriageReturn) return this.fail("ERR_SOCKET_BAD_LINE_ENDING", "line ends in LF without CR (RFC 9112 §2.2)");
    return this.processRequestLine(source, start, contentEnd);
  }

  /** request-line = method SP request-target SP HTTP-version (RFC 9112 §3), single spaces only. */
  private processRequestLine(source: Buffer, start: number, end: number): number {
    const methodEnd = scanToken(source, start, end);
    if (methodEnd === end || source[methodEnd] !== SP || methodEnd === start) {
      if (methodEnd < end && source[methodEnd] === CR) return this.fail("ERR_SOCKET_BAD_LINE_ENDING", "bare CR in the request line");
      return this.fail("ERR_SOCKET_BAD_REQUEST_LINE", "method is not a token followed by one space");
    }
    const targetStart = methodEnd + 1;
    let targetEnd = targetStart;
    while (targetEnd < end && TARGET_BYTE[source[targetEnd] as number] === 1) targetEnd++;
    if (targetEnd === targetStart) return this.fail("ERR_SOCKET_BAD_REQUEST_LINE", "empty request target");
    if (targetEnd === end) return this.fail("ERR_SOCKET_BAD_REQUEST_LINE", "no HTTP version (HTTP/0.9 is not supported)");
    if (source[targetEnd] !== SP) {
      if (source[targetEnd] === CR) return this.fail("ERR_SOCKET_BAD_LINE_ENDING", "bare CR in the request line");
      return this.fail("ERR_SOCKET_BAD_TARGET", "control byte in the request target");
    }
    const versionStart = targetEnd + 1;
    // HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (RFC 9112 §2.3).
    const major = (source[versionStart + 5] as number) - 0x30;
    const minor = (source[versionStart + 7] as number) - 0x30;
    if (
      end - versionStart !== 8 ||
      source[versionStart] !== 0x48 ||
      source[versionStart + 1] !== 0x54 ||
      source[versionStart + 2] !== 0x54 ||
      source[versionStart + 3] !== 0x50 ||
      source[versionStart + 4] !== 0x2f ||
      source[versionStart + 6] !== 0x2e ||
      major < 0 ||
      major > 9 ||
      minor < 0 ||
      minor > 9
    ) {
      if (source.subarray(versionStart, end).includes(CR)) {
        return this.fail("ERR_SOCKET_BAD_LINE_ENDING", "bare CR in the request line");
      }
      return this.fail("ERR_SOCKET_BAD_REQUEST_LINE", "malformed HTTP version");
    }
    if (major !== 1 || minor > 1) return this.fail("ERR_SOCKET_VERSION_NOT_SUPPORTED", "only HTTP/1.0 and HTTP/1.1 are supported");
    this.version = minor === 1 ? VERSION_1_1 : VERSION_1_0;

    const method = methodFromBytes(source, start, methodEnd);
    if (method === "CONNECT") {
      // We are an origin server, not a tunnel: RFC 9110 §9.3.6 CONNECT is for proxies, so 501 (§15.6.2).
      return this.fail("ERR_SOCKET_CONNECT_NOT_SUPPORTED", "CONNECT is not supported");
    }
    const first = source[targetStart];
    if (first === 0x2f /* "/" */) {
      this.targetForm = "origin";
    } else if (first === 0x2a /* "*" */ && targetEnd - targetStart === 1) {
      // RFC 9112 §3.2.4: asterisk-form is only used for a server-wide OPTIONS request.
      if (method !== "OPTIONS") return this.fail("ERR_SOCKET_BAD_TARGET", "asterisk-form is only allowed with OPTIONS");
      this.targetForm = "asterisk";
    } else {
      const prefix = schemePrefixLength(source, targetStart, targetEnd);
      if (prefix === 0) {
        // authority-form is only for CONNECT (RFC 9112 §3.2.3); anything else is no target form at all.
        return this.fail("ERR_SOCKET_BAD_TARGET", "request target is not origin-, absolute- or asterisk-form");
      }
      const authorityStart = targetStart + prefix;
      const afterScheme = source[authorityStart];
      if (authorityStart === targetEnd || afterScheme === 0x2f || afterScheme === 0x3f || afterScheme === 0x23) {
        // RFC 9110 §4.2.1: an http(s) URI with an empty host MUST be rejected as invalid.
        return this.fail("ERR_SOCKET_BAD_TARGET", "absolute-form target with an empty authority");
      }
      this.targetForm = "absolute";
    }
    this.method = method;
    this.target = recentText(this.recent, source, targetStart, targetEnd);
    this.state = STATE_HEADERS;
    return LINE_CONTINUE;
  }

  /** field-line = field-name ":" OWS field-value OWS (RFC 9112 §5). */
  private processFieldLine(source: Buffer, start: number, end: number): number {
    const bounds = this.bounds;
    const problem = scanFieldLine(source, start, end, bounds);
    if (problem !== undefined) {
      this.error = problem;
      return LINE_ERROR;
    }
    if (++this.headerCount > this.maxHeaderCount) return this.fail("ERR_SOCKET_TOO_MANY_HEADERS", "too many header fields");
    const { nameEnd, valueStart, valueEnd } = bounds;
    this.rawHeaders.push(fieldName(source, start, nameEnd), recentText(this.recent, source, valueStart, valueEnd));
    switch (nameEnd - start) {
      case 4:
        if (equalsIgnoringCase(source, start, nameEnd, "host")) return this.processHost(source, valueStart, valueEnd);
        break;
      case 6:
        // RFC 9110 §10.1.1: only 100-continue means something; other expectations are ignored (417 is a MAY).
        if (equalsIgnoringCase(source, start, nameEnd, "expect") && hasListMember(source, valueStart, valueEnd, "100-continue")) {
          this.expectsContinue = true;
        }
        break;
      case 10:
        // RFC 9112 §9.3, §9.6: the "close" and "keep-alive" connection options, case-insensitive.
        if (equalsIgnoringCase(source, start, nameEnd, "connection")) {
          if (hasListMember(source, valueStart, valueEnd, "close")) this.connectionClose = true;
          if (hasListMember(source, valueStart, valueEnd, "keep-alive")) this.connectionKeepAlive = true;
        }
        break;
      case 14:
        if (equalsIgnoringCase(source, start, nameEnd, "content-length")) {
          return this.processContentLength(source, valueStart, valueEnd);
        }
        break;
      case 17:
        if (equalsIgnoringCase(source, start, nameEnd, "transfer-encoding")) {
          return this.processTransferEncoding(source, valueStart, valueEnd);
        }
        break;
    }
    return LINE_CONTINUE;
  }

  /** RFC 9112 §3.2: more than one Host line, or an invalid Host value, is a 400. */
  private processHost(source: Buffer, start: number, end: number): number {
    if (++this.hostCount > 1) return this.fail("ERR_SOCKET_BAD_HOST", "more than one Host field");
    if (!isValidHost(source, start, end)) return this.fail("ERR_SOCKET_BAD_HOST", "invalid Host field value");
    return LINE_CONTINUE;
  }

  /** RFC 9110 §8.6: 1*DIGIT, a list of identical values allowed; repeated lines must agree too. */
  private processContentLength(source: Buffer, start: number, end: number): number {
    const length = parseContentLength(source, start, end);
    if (length < 0) {
      if (length === CONTENT_LENGTH_OVERFLOW) return this.fail("ERR_SOCKET_BAD_CONTENT_LENGTH", "Content-Length too large");
      if (length === CONTENT_LENGTH_CONFLICT) {
        return this.fail("ERR_SOCKET_BAD_CONTENT_LENGTH", "Content-Length list with differing values");
      }
      return this.fail("ERR_SOCKET_BAD_CONTENT_LENGTH", "Content-Length is not a non-negative decimal integer");
    }
    if (this.contentLength !== -1 && this.contentLength !== length) {
      return this.fail("ERR_SOCKET_BAD_CONTENT_LENGTH", "Content-Length fields with differing values");
    }
    this.contentLength = length;
    return LINE_CONTINUE;
  }

  /**
   * RFC 9112 §6.1, §6.3, §7: codings in order over every Transfer-Encoding line; chunked must be final and appear
   * once; other codings are noted for a 501; any TE on HTTP/1.0 is faulty framing.
   */
  private processTransferEncoding(source: Buffer, start: number, end: number): number {
    if (this.version === VERSION_1_0) {
      return this.fail("ERR_SOCKET_BAD_TRANSFER_ENCODING", "Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)");
    }
    this.hasTransferEncoding = true;
    let sawCoding = false;
    let position = start;
    for (;;) {
      const comma = findComma(source, position, end);
      const codingStart = skipOws(source, position, comma);
      const codingEnd = trimOwsEnd(source, codingStart, comma);
      // RFC 9110 §5.6.1: empty list elements are ignored.
      if (codingStart !== codingEnd) {
        sawCoding = true;
        if (this.hasChunked) {
          return this.fail("ERR_SOCKET_BAD_TRANSFER_ENCODING", "chunked is not the final transfer coding, or is repeated");
        }
        if (equalsIgnoringCase(source, codingStart, codingEnd, "chunked")) {
          this.hasChunked = true;
        } else {
          const nameEnd = scanToken(source, codingStart, codingEnd);
          if (nameEnd === codingStart || !isValidParameters(source, nameEnd, codingEnd, true)) {
            return this.fail("ERR_SOCKET_BAD_TRANSFER_ENCODING", "malformed transfer coding");
          }
          this.hasUnsupportedCoding = true;
        }
      }
      if (comma === end) break;
      position = comma + 1;
    }
    if (!sawCoding) return this.fail("ERR_SOCKET_BAD_TRANSFER_ENCODING", "empty Transfer-Encoding");
    return LINE_CONTINUE;
  }

  /** The empty line: apply the whole-head rules and decide framing (RFC 9112 §6.3) and persistence (§9.3). */
  private finishHead(): number {
    const isVersion11 = this.version === VERSION_1_1;
    if (isVersion11 && this.hostCount === 0) {
      return this.fail("ERR_SOCKET_BAD_HOST", "HTTP/1.1 request without Host (RFC 9112 §3.2)");
    }
    let body = NO_BODY;
    if (this.hasTransferEncoding) {
      if (this.contentLength !== -1) {
        // RFC 9112 §6.1: MAY reject a request with both; we do, because a proxy in front may have picked CL (CL.TE).
        return this.fail("ERR_SOCKET_BAD_TRANSFER_ENCODING", "both Transfer-Encoding and Content-Length (RFC 9112 §6.1)");
      }
      if (!this.hasChunked) {
        // RFC 9112 §6.3: chunked not final leaves the length unknowable: MUST answer 400 and close (TE.TE smuggling).
        return this.fail("ERR_SOCKET_BAD_TRANSFER_ENCODING", "chunked is not the final transfer coding (RFC 9112 §6.3)");
      }
      if (this.hasUnsupportedCoding) {
        return this.fail("ERR_SOCKET_UNSUPPORTED_TRANSFER_ENCODING", "transfer coding other than chunked (RFC 9112 §6.1)");
      }
      body = CHUNKED_BODY;
    } else if (this.contentLength > 0) {
      if (this.contentLength > this.maxBodyBytes) return this.fail("ERR_SOCKET_BODY_TOO_LARGE", "Content-Length above the body limit");
      body = { kind: "length", length: this.contentLength };
    }
    const keepAlive = isVersion11 ? !this.connectionClose : this.connectionKeepAlive && !this.connectionClose;
    this.completedHead = {
      method: this.method,
      target: this.target,
      targetForm: this.targetForm,
      version: isVersion11 ? "1.1" : "1.0",
      protocol: isVersion11 ? "HTTP/1.1" : "HTTP/1.0",
      rawHeaders: this.rawHeaders,
      keepAlive,
      expectContinue: isVersion11 && this.expectsContinue,
      body,
      mustClose: !keepAlive,
    };
    return LINE_HEAD_DONE;
  }

  private startRequest(): void {
    this.state = STATE_REQUEST_LINE;
    this.leadingBytes = 0;
    this.headerBytes = 0;
    this.headerCount = 0;
    this.method = "";
    this.target = "";
    this.targetForm = "origin";
    this.version = VERSION_1_1;
    this.rawHeaders = [];
    this.hostCount = 0;
    this.contentLength = -1;
    this.hasTransferEncoding = false;
    this.hasChunked = false;
    this.hasUnsupportedCoding = false;
    this.connectionClose = false;
    this.connectionKeepAlive = false;
    this.expectsContinue = false;
  }
}
