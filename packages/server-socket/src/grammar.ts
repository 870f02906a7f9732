/**
 * RFC 9110/9112 byte-level grammar: tokens, field lines, targets, Host, Content-Length, parameters.
 * Pure functions over a byte range, no state and no regexes (no backtracking); it never decides framing.
 */
import { createParseError } from "./errors.js";
import type { ParseError } from "./errors.js";

/** Carriage return. */
export const CR = 13;
/** Line feed. */
export const LF = 10;
/** Space. */
export const SP = 32;
/** Horizontal tab. */
export const HTAB = 9;
/** ":" */
export const COLON = 58;
/** "," */
export const COMMA = 44;
/** ";" */
export const SEMICOLON = 59;

function byteTable(accepts: (byte: number) => boolean): Uint8Array {
  const table = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) table[byte] = accepts(byte) ? 1 : 0;
  return table;
}

const isAlpha = (byte: number): boolean => (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

/** RFC 9110 §5.6.2 tchar: "!#$%&'*+-.^_`|~", DIGIT, ALPHA. 1 = allowed. */
export const TCHAR: Uint8Array = byteTable(
  (byte) => isAlpha(byte) || isDigit(byte) || "!#$%&'*+-.^_`|~".includes(String.fromCharCode(byte)),
);

/**
 * RFC 9110 §5.5 field-value bytes: 0 = forbidden (CTLs incl. NUL, CR, LF, and DEL), 1 = SP/HTAB (OWS when
 * leading or trailing), 2 = field-vchar (VCHAR / obs-text).
 */
export const FIELD_VALUE_BYTE: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let byte = 0x21; byte <= 0xff; byte++) table[byte] = byte === 0x7f ? 0 : 2;
  table[SP] = 1;
  table[HTAB] = 1;
  return table;
})();

/**
 * Request-target bytes (RFC 9112 §3.2): any VCHAR or obs-text; CTLs, SP and DEL end or invalidate the target.
 * Raw obs-text is accepted because clients send UTF-8 paths unescaped; the gateway decodes them as bytes.
 */
export const TARGET_BYTE: Uint8Array = byteTable((byte) => byte > 0x20 && byte !== 0x7f);

/** RFC 3986 §2.3 unreserved and §2.2 sub-delims, the bytes of a reg-name besides pct-encoded. */
const HOST_NAME_BYTE: Uint8Array = byteTable(
  (byte) => isAlpha(byte) || isDigit(byte) || "-._~!$&'()*+,;=".includes(String.fromCharCode(byte)),
);

/** RFC 3986 §3.1 scheme bytes after the first ALPHA. */
const SCHEME_BYTE: Uint8Array = byteTable((byte) => isAlpha(byte) || isDigit(byte) || byte === 0x2b || byte === 0x2d || byte === 0x2e);

/** RFC 5234 HEXDIG value of a byte, or -1 (case-insensitive, as RFC 9112 §7.1 chunk-size reads it). */
export const HEX_VALUE: Int8Array = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let digit = 0; digit < 10; digit++) table[0x30 + digit] = digit;
  for (let digit = 0; digit < 6; digit++) {
    table[0x41 + digit] = 10 + digit;
    table[0x61 + digit] = 10 + digit;
  }
  return table;
})();

/** ASCII lower-casing of one byte; tokens compare case-insensitively (RFC 9110 §5.1, §7.6.1, RFC 9112 §7). */
export const LOWERCASE_BYTE: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) table[byte] = byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
  return table;
})();

/** True when bytes [start, end) equal `lowercase` (an ASCII lower-case string) ignoring ASCII case. */
export function equalsIgnoringCase(buffer: Uint8Array, start: number, end: number, lowercase: string): boolean {
  if (end - start !== lowercase.length) return false;
  for (let index = 0; index < lowercase.length; index++) {
    if (LOWERCASE_BYTE[buffer[start + index] as number] !== lowercase.charCodeAt(index)) return false;
  }
  return true;
}

/** Index of the first byte in [start, end) that is not a tchar (RFC 9110 §5.6.2), or `end`. */
export function scanToken(buffer: Uint8Array, start: number, end: number): number {
  let index = start;
  while (index < end && TCHAR[buffer[index] as number] === 1) index++;
  return index;
}

/** Index of the first byte in [start, end) that is not OWS (RFC 9110 §5.6.3: *( SP / HTAB )), or `end`. */
export function skipOws(buffer: Uint8Array, start: number, end: number): number {
  let index = start;
  while (index < end && (buffer[index] === SP || buffer[index] === HTAB)) index++;
  return index;
}

/** End of [start, end) with trailing OWS removed (RFC 9110 §5.6.3). */
export function trimOwsEnd(buffer: Uint8Array, start: number, end: number): number {
  let index = end;
  while (index > start && (buffer[index - 1] === SP || buffer[index - 1] === HTAB)) index--;
  return index;
}

/** Index of the first "," in [start, end), or `end` (RFC 9110 §5.6.1 lists). */
export function findComma(buffer: Uint8Array, start: number, end: number): number {
  let index = start;
  while (index < end && buffer[index] !== COMMA) index++;
  return index;
}

/** True when the comma list [start, end) has a member equal to `lowercase`, ignoring ASCII case and OWS (RFC 9110 §5.6.1). */
export function hasListMember(buffer: Uint8Array, start: number, end: number, lowercase: string): boolean {
  let position = start;
  for (;;) {
    const comma = findComma(buffer, position, end);
    const memberStart = skipOws(buffer, position, comma);
    if (equalsIgnoringCase(buffer, memberStart, trimOwsEnd(buffer, memberStart, comma), lowercase)) return true;
    if (comma === end) return false;
    position = comma + 1;
  }
}

/** Where `scanFieldLine` reports the parts of a valid field line. */
export interface FieldLineBounds {
  /** End of the field name (the colon's index); the name starts at the line start. */
  nameEnd: number;
  /** Start of the value, leading OWS skipped. */
  valueStart: number;
  /** End of the value, trailing OWS trimmed. */
  valueEnd: number;
}

/**
 * Checks one field line `field-name ":" OWS field-value OWS` (RFC 9112 §5), bytes [start, end) without its
 * CRLF, and fills `bounds`. Returns the error, or undefined when valid. Rejects obs-fold and a line that starts
 * with whitespace (RFC 9112 §5.2, §2.2), whitespace before the colon (§5.1), bare CR (§2.2) and CTLs (RFC 9110 §5.5).
 */
export function scanFieldLine(
  buffer: Uint8Array,
  start: number,
  end: number,
  bounds: FieldLineBounds,
): ParseError | undefined {
  const first = buffer[start];
  if (first === SP || first === HTAB) {
    return createParseError("ERR_SOCKET_OBS_FOLD", "line starts with whitespace (obs-fold is rejected, RFC 9112 §5.2)");
  }
  const nameEnd = scanToken(buffer, start, end);
  if (nameEnd === end) return createParseError("ERR_SOCKET_BAD_HEADER_NAME", "field line without a colon");
  const stop = buffer[nameEnd];
  if (stop !== COLON) {
    if (stop === CR) return createParseError("ERR_SOCKET_BAD_LINE_ENDING", "bare CR in a field line");
    if (stop === SP || stop === HTAB) {
      return createParseError("ERR_SOCKET_BAD_HEADER_NAME", "whitespace between field name and colon (RFC 9112 §5.1)");
    }
    return createParseError("ERR_SOCKET_BAD_HEADER_NAME", "field name is not a token");
  }
  if (nameEnd === start) return createParseError("ERR_SOCKET_BAD_HEADER_NAME", "empty field name");
  let index = skipOws(buffer, nameEnd + 1, end);
  const valueStart = index;
  let valueEnd = index;
  for (; index < end; index++) {
    const kind = FIELD_VALUE_BYTE[buffer[index] as number];
    if (kind === 2) {
      valueEnd = index + 1;
    } else if (kind === 0) {
      if (buffer[index] === CR) return createParseError("ERR_SOCKET_BAD_LINE_ENDING", "bare CR in a field value");
      return createParseError("ERR_SOCKET_BAD_HEADER_VALUE", "control byte in a field value");
    }
  }
  bounds.nameEnd = nameEnd;
  bounds.valueStart = valueStart;
  bounds.valueEnd = valueEnd;
  return undefined;
}

/** Content-Length parse result: not 1*DIGIT (or an empty list element). */
export const CONTENT_LENGTH_INVALID = -1;
/** Content-Length parse result: a list whose values differ. */
export const CONTENT_LENGTH_CONFLICT = -2;
/** Content-Length parse result: beyond Number.MAX_SAFE_INTEGER. */
export const CONTENT_LENGTH_OVERFLOW = -3;

/**
 * Parses a Content-Length value `1*DIGIT` (RFC 9110 §8.6), accepting a comma list of identical values
 * (§8.6: "MAY ... if all of the values are identical"). Returns the length, or a negative CONTENT_LENGTH_* result.
 * No sign, no space inside the number, no hex; values past 2^53-1 overflow.
 */
export function parseContentLength(buffer: Uint8Array, start: number, end: number): number {
  let result = -1;
  let position = start;
  for (;;) {
    const comma = findComma(buffer, position, end);
    const elementStart = skipOws(buffer, position, comma);
    const elementEnd = trimOwsEnd(buffer, elementStart, comma);
    if (elementStart === elementEnd) return CONTENT_LENGTH_INVALID;
    let value = 0;
    for (let index = elementStart; index < elementEnd; index++) {
      const digit = (buffer[index] as number) - 0x30;
      if (digit < 0 || digit > 9) return CONTENT_LENGTH_INVALID;
      // Guard before multiplying so the value never passes 2^53 (where doubles stop being exact).
      if (value > (Number.MAX_SAFE_INTEGER - digit) / 10) return CONTENT_LENGTH_OVERFLOW;
      value = value * 10 + digit;
    }
    if (result !== -1 && value !== result) return CONTENT_LENGTH_CONFLICT;
    result = value;
    if (comma === end) return result;
    position = comma + 1;
  }
}

/** Index just past a quoted-string starting at `start` (a DQUOTE), or -1 (RFC 9110 §5.6.4). */
export function scanQuotedString(buffer: Uint8Array, start: number, end: number): number {
  let index = start + 1;
  while (index < end) {
    const byte = buffer[index] as number;
    if (byte === 0x22) return index + 1;
    if (byte === 0x5c) {
      // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
      const escaped = buffer[index + 1];
      if (index + 1 >= end || escaped === undefined || FIELD_VALUE_BYTE[escaped] === 0) return -1;
      index += 2;
    } else if (FIELD_VALUE_BYTE[byte] === 0) {
      // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
      return -1;
    } else {
      index++;
    }
  }
  return -1;
}

/**
 * True when [start, end) is `*( OWS ";" OWS name [ BWS "=" BWS ( token / quoted-string ) ] )`: the shape of
 * chunk-ext (RFC 9112 §7.1.1) and, with `valueRequired`, of transfer-parameters (RFC 9112 §7, RFC 9110 §5.6.6).
 */
export function isValidParameters(buffer: Uint8Array, start: number, end: number, valueRequired: boolean): boolean {
  let index = start;
  for (;;) {
    const next = skipOws(buffer, index, end);
    // Whitespace is only allowed before a ";": the grammar has no trailing OWS.
    if (next === end) return next === index;
    if (buffer[next] !== SEMICOLON) return false;
    index = next;
    index = skipOws(buffer, index + 1, end);
    const nameEnd = scanToken(buffer, index, end);
    if (nameEnd === index) return false;
    const equals = skipOws(buffer, nameEnd, end);
    if (equals === end || buffer[equals] !== 0x3d /* "=" */) {
      if (valueRequired) return false;
      index = nameEnd;
      continue;
    }
    index = skipOws(buffer, equals + 1, end);
    if (buffer[index] === 0x22) {
      index = scanQuotedString(buffer, index, end);
      if (index === -1) return false;
    } else {
      const valueEnd = scanToken(buffer, index, end);
      if (valueEnd === index) return false;
      index = valueEnd;
    }
  }
}

/**
 * True when [start, end) is a Host field value `uri-host [ ":" port ]` (RFC 9110 §7.2, RFC 3986 §3.2.2):
 * a reg-name or IPv4 address (unreserved / pct-encoded / sub-delims) or a bracketed IP-literal, then digits.
 * An empty value is valid (RFC 9112 §3.2: sent when the target URI has no authority).
 */
export function isValidHost(buffer: Uint8Array, start: number, end: number): boolean {
  let index = start;
  if (index < end && buffer[index] === 0x5b /* "[" */) {
    index++;
    while (index < end && buffer[index] !== 0x5d /* "]" */) {
      const byte = buffer[index] as number;
      if (HOST_NAME_BYTE[byte] !== 1 && byte !== COLON) return false;
      index++;
    }
    if (index === end || index === start + 1) return false;
    index++;
  } else {
    while (index < end && buffer[index] !== COLON) {
      const byte = buffer[index] as number;
      if (byte === 0x25 /* "%" */) {
        if (index + 2 >= end) return false;
        if (HEX_VALUE[buffer[index + 1] as number] === -1 || HEX_VALUE[buffer[index + 2] as number] === -1) return false;
        index += 3;
      } else if (HOST_NAME_BYTE[byte] === 1) {
        index++;
      } else {
        return false;
      }
    }
  }
  if (index === end) return true;
  if (buffer[index] !== COLON) return false;
  for (index++; index < end; index++) {
    if (!isDigit(buffer[index] as number)) return false;
  }
  return true;
}

/**
 * Length of the `scheme "://"` prefix of an absolute-form target (RFC 9112 §3.2.2, RFC 3986 §3.1), or 0 when
 * [start, end) does not start with one.
 */
export function schemePrefixLength(buffer: Uint8Array, start: number, end: number): number {
  if (start >= end || !isAlpha(buffer[start] as number)) return 0;
  let index = start + 1;
  while (index < end && SCHEME_BYTE[buffer[index] as number] === 1) index++;
  if (end - index < 3 || buffer[index] !== COLON || buffer[index + 1] !== 0x2f || buffer[index + 2] !== 0x2f) return 0;
  return index + 3 - start;
}
