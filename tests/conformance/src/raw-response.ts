/**
 * Parses HTTP/1.1 responses from raw bytes (RFC 9112) so tests can see framing that fetch hides.
 * Pure: it never touches a socket (raw-connection.ts does).
 */

/** How a parsed response's body was delimited on the wire (RFC 9112 §6.3). */
export type RawFraming = "content-length" | "chunked" | "close" | "none";

/** One response as it came off the wire. */
export interface RawResponse {
  /** "HTTP/1.1" or "HTTP/1.0". */
  version: string;
  status: number;
  reason: string;
  /** Header fields in wire order, names as sent. */
  headers: [name: string, value: string][];
  /** The field value for `name` (any case); repeated fields joined with ", "; undefined when absent. */
  header(name: string): string | undefined;
  /** The body, de-chunked. */
  body: Buffer;
  framing: RawFraming;
  /** False when the connection closed before the framing said the body was complete. */
  complete: boolean;
}

/** A response found at the start of a buffer, and how many bytes it took. */
export interface ParsedResponse {
  response: RawResponse;
  consumed: number;
}

/** What the parser needs to know beyond the bytes. */
export interface ParseResponseOptions {
  /** The request was HEAD: the response has no body whatever its headers say (RFC 9110 §9.3.2). */
  head?: boolean;
  /** The connection has closed: a close-delimited body ends here, and anything unfinished is incomplete. */
  closed?: boolean;
}

const CRLF = Buffer.from("\r\n");
const HEAD_END = Buffer.from("\r\n\r\n");

function makeResponse(version: string, status: number, reason: string, headers: [string, string][], body: Buffer, framing: RawFraming, complete: boolean): RawResponse {
  return {
    version,
    status,
    reason,
    headers,
    body,
    framing,
    complete,
    header(name: string): string | undefined {
      const wanted = name.toLowerCase();
      const values = headers.filter(([fieldName]) => fieldName.toLowerCase() === wanted).map(([, value]) => value);
      return values.length === 0 ? undefined : values.join(", ");
    },
  };
}

/** Reads a chunked body (RFC 9112 §7.1) starting at `start`; undefined when more bytes are needed. */
function parseChunked(buffer: Buffer, start: number): { body: Buffer; end: number } | undefined {
  const parts: Buffer[] = [];
  let position = start;
  for (;;) {
    const lineEnd = buffer.indexOf(CRLF, position);
    if (lineEnd === -1) return undefined;
    const sizeText = buffer.subarray(position, lineEnd).toString("latin1").split(";")[0]?.trim() ?? "";
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new Error(`bad chunk size line: ${JSON.stringify(sizeText)}`);
    const size = Number.parseInt(sizeText, 16);
    position = lineEnd + 2;
    if (size === 0) {
      // Trailer section: fields until an empty line (RFC 9112 §7.1.2).
      for (;;) {
        const trailerEnd = buffer.indexOf(CRLF, position);
        if (trailerEnd === -1) return undefined;
        const empty = trailerEnd === position;
        position = trailerEnd + 2;
        if (empty) return { body: Buffer.concat(parts), end: position };
      }
    }
    if (buffer.length < position + size + 2) return undefined;
    parts.push(buffer.subarray(position, position + size));
    if (buffer[position + size] !== 0x0d || buffer[position + size + 1] !== 0x0a) throw new Error("chunk data not followed by CRLF");
    position += size + 2;
  }
}

/** Every body byte a chunked body has so far, for a response cut off mid-body. */
function partialChunked(buffer: Buffer, start: number): Buffer {
  const parts: Buffer[] = [];
  let position = start;
  for (;;) {
    const lineEnd = buffer.indexOf(CRLF, position);
    if (lineEnd === -1) break;
    const size = Number.parseInt(buffer.subarray(position, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    position = lineEnd + 2;
    parts.push(buffer.subarray(position, Math.min(position + size, buffer.length)));
    position += size + 2;
    if (position > buffer.length) break;
  }
  return Buffer.concat(parts);
}

/**
 * Parses the response at the start of `buffer`. Returns undefined when more bytes are needed (and the
 * connection is open), or when the connection closed before a whole head arrived. Throws on bytes that
 * are not an HTTP/1.x response.
 */
export function parseResponse(buffer: Buffer, options: ParseResponseOptions = {}): ParsedResponse | undefined {
  const headEnd = buffer.indexOf(HEAD_END);
  if (headEnd === -1) return undefined;
  const lines = buffer.subarray(0, headEnd).toString("latin1").split("\r\n");
  const statusLine = /^(HTTP\/1\.[01]) (\d{3})(?: (.*))?$/.exec(lines[0] ?? "");
  if (statusLine === null) throw new Error(`not an HTTP/1.x status line: ${JSON.stringify(lines[0])}`);
  const version = statusLine[1] as string;
  const status = Number(statusLine[2]);
  const reason = statusLine[3] ?? "";
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error(`bad header line: ${JSON.stringify(line)}`);
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const bodyStart = headEnd + 4;
  const closed = options.closed === true;
  const build = (body: Buffer, framing: RawFraming, complete: boolean, end: number): ParsedResponse => ({
    response: makeResponse(version, status, reason, headers, body, framing, complete),
    consumed: end,
  });
  // RFC 9112 §6.3 rule 1: no body after HEAD, 1xx, 204 and 304.
  if (options.head === true || (status >= 100 && status < 200) || status === 204 || status === 304) {
    return build(Buffer.alloc(0), "none", true, bodyStart);
  }
  const probe = makeResponse(version, status, reason, headers, Buffer.alloc(0), "none", true);
  const transferEncoding = probe.header("transfer-encoding");
  if (transferEncoding !== undefined && /(?:^|,)\s*chunked\s*$/i.test(transferEncoding)) {
    const chunked = parseChunked(buffer, bodyStart);
    if (chunked !== undefined) return build(chunked.body, "chunked", true, chunked.end);
    return closed ? build(partialChunked(buffer, bodyStart), "chunked", false, buffer.length) : undefined;
  }
  const contentLength = probe.header("content-length");
  if (contentLength !== undefined) {
    const length = Number(contentLength);
    if (!Number.isSafeInteger(length) || length < 0) throw new Error(`bad Content-Length: ${contentLength}`);
    if (buffer.length >= bodyStart + length) return build(buffer.subarray(bodyStart, bodyStart + length), "content-length", true, bodyStart + length);
    return closed ? build(buffer.subarray(bodyStart), "content-length", false, buffer.length) : undefined;
  }
  // Close-delimited (RFC 9112 §6.3 rule 8): complete only once the server closes.
  return closed ? build(buffer.subarray(bodyStart), "close", true, buffer.length) : undefined;
}
