/**
 * Request body decoders behind one interface: none, Content-Length (RFC 9112 §6.2) and chunked (RFC 9112 §7.1).
 * Pure: bytes in, body bytes out as views of the input, no I/O; it never parses a request head.
 */
import { createParseError } from "./errors.js";
import type { ParseError, ParseErrorCode } from "./errors.js";
import { CR, HEX_VALUE, LF, isValidParameters, scanFieldLine } from "./grammar.js";
import type { FieldLineBounds } from "./grammar.js";
import { MAX_BODY_BYTES, MAX_HEADER_BYTES, MAX_HEADER_COUNT } from "./parser.js";
import type { BodyFraming } from "./parser.js";
import { appendPending } from "./append-pending.js";

/** Default total of chunk-extension bytes allowed in one request (16 KiB, as node's own parser since CVE-2024-22019). */
export const MAX_CHUNK_EXTENSION_BYTES = 16384;
/** Most hex digits in a chunk size, leading zeros included; 2^53-1 needs 14. */
export const MAX_CHUNK_SIZE_DIGITS = 16;

/** Limits of one request body; names shared with server-kit's ServerLimits where they exist. */
export interface BodyLimits {
  /** Largest decoded body in bytes (413 beyond, refused at the chunk-size line). Default MAX_BODY_BYTES (1 GiB). */
  maxBodyBytes: number;
  /** Most trailer fields (431 beyond). Default MAX_HEADER_COUNT (100). */
  maxHeaderCount: number;
  /** Largest trailer section in bytes, CRLFs and the final empty line included (431 beyond). Default 16384. */
  maxHeaderBytes: number;
  /** Total chunk-extension bytes in one request (400 beyond, RFC 9112 §7.1.1). Default MAX_CHUNK_EXTENSION_BYTES. */
  maxChunkExtensionBytes: number;
}

/** Decoded body bytes from one `decode` call. */
export interface BodyData {
  readonly kind: "data";
  /** Body bytes, in order: views into the buffer passed to decode (copy them before reusing that buffer). */
  readonly data: readonly Buffer[];
  /** Bytes consumed from `offset`; after `done`, the rest of the buffer is the next request. */
  readonly consumed: number;
  /** True once the whole body (and, for chunked, the trailer section) has been read. */
  readonly done: boolean;
}

/** What `BodyDecoder.decode` returns: body bytes, or an error value (answer its status, then close). */
export type BodyResult = BodyData | ParseError;

/** Decodes one request body from byte slices of any size; one decoder per request. */
export interface BodyDecoder {
  /**
   * Decodes from `buffer[offset]` on (offset defaults to 0). Consumes every byte until the body ends; after an
   * error it keeps returning that error; after `done` it consumes nothing.
   */
  decode(buffer: Buffer, offset?: number): BodyResult;
  /** True once the body is complete. */
  readonly done: boolean;
  /** Body bytes decoded so far. */
  readonly received: number;
  /** Chunked trailer fields as a flat [name, value, …] list (empty otherwise); never merged into the head. */
  readonly trailers: readonly string[];
}

const NO_DATA: readonly Buffer[] = Object.freeze([]);
const FINISHED: BodyData = Object.freeze({ kind: "data", data: NO_DATA, consumed: 0, done: true });
const NO_TRAILERS: readonly string[] = Object.freeze([]);

/** The decoder of a body-less request: done from the start. */
class EmptyBodyDecoder implements BodyDecoder {
  readonly done = true;
  readonly received = 0;
  readonly trailers: readonly string[] = NO_TRAILERS;

  decode(): BodyResult {
    return FINISHED;
  }
}

/** RFC 9112 §6.2: exactly `length` bytes. */
class LengthBodyDecoder implements BodyDecoder {
  readonly trailers: readonly string[] = NO_TRAILERS;
  received = 0;
  private remaining: number;
  private readonly error: ParseError | undefined;

  constructor(length: number, maxBodyBytes: number) {
    this.remaining = length;
    this.error = length > maxBodyBytes ? createParseError("ERR_SOCKET_BODY_TOO_LARGE", "Content-Length above the body limit") : undefined;
  }

  get done(): boolean {
    return this.remaining === 0;
  }

  decode(buffer: Buffer, offset = 0): BodyResult {
    if (this.error !== undefined) return this.error;
    if (this.remaining === 0) return FINISHED;
    const take = Math.min(this.remaining, buffer.length - offset);
    if (take <= 0) return { kind: "data", data: NO_DATA, consumed: 0, done: false };
    this.remaining -= take;
    this.received += take;
    return { kind: "data", data: [buffer.subarray(offset, offset + take)], consumed: take, done: this.remaining === 0 };
  }
}

const STATE_SIZE = 0;
const STATE_SIZE_LINE_REST = 1;
const STATE_DATA = 2;
const STATE_DATA_CR = 3;
const STATE_DATA_LF = 4;
const STATE_TRAILERS = 5;
const STATE_DONE = 6;

/** Smallest buffer kept for a line split across slices. */
const MIN_PENDING_BYTES = 128;

/**
 * RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; last-chunk = 1*"0" [ chunk-ext ] CRLF;
 * then trailer-section CRLF. Sizes are read digit by digit, so only a partial extension or trailer line is copied.
 */
class ChunkedBodyDecoder implements BodyDecoder {
  received = 0;
  trailers: string[] = [];
  private state = STATE_SIZE;
  private error: ParseError | undefined = undefined;
  private size = 0;
  private sizeDigits = 0;
  private remaining = 0;
  private extensionBytes = 0;
  private trailerBytes = 0;
  private trailerCount = 0;
  private pending: Buffer | undefined = undefined;
  private pendingLength = 0;
  private readonly bounds: FieldLineBounds = { nameEnd: 0, valueStart: 0, valueEnd: 0 };

  private readonly limits: BodyLimits;

  constructor(limits: BodyLimits) {
    this.limits = limits;
  }

  get done(): boolean {
    return this.state === STATE_DONE;
  }

  decode(buffer: Buffer, offset = 0): BodyResult {
    if (this.error !== undefined) return this.error;
    if (this.state === STATE_DONE) return FINISHED;
    const end = buffer.length;
    let position = offset;
    let data: Buffer[] | undefined;
    while (position < end) {
      const state = this.state;
      if (state === STATE_DATA) {
        const take = Math.min(this.remaining, end - position);
        (data ??= []).push(buffer.subarray(position, position + take));
        position += take;
        this.remaining -= take;
        this.received += take;
        if (this.remaining === 0) this.state = STATE_DATA_CR;
      } else if (state === STATE_SIZE) {
        const digit = HEX_VALUE[buffer[position] as number] as number;
        if (digit === -1) {
          if (this.sizeDigits === 0) return this.fail("ERR_SOCKET_BAD_CHUNK", "chunk size is not hexadecimal");
          this.state = STATE_SIZE_LINE_REST;
          continue;
        }
        if (++this.sizeDigits > MAX_CHUNK_SIZE_DIGITS) return this.fail("ERR_SOCKET_BAD_CHUNK", "chunk size has too many digits");
        // Guard before multiplying so the size never passes 2^53 (where doubles stop being exact).
        if (this.size > (Number.MAX_SAFE_INTEGER - digit) / 16) return this.fail("ERR_SOCKET_BAD_CHUNK", "chunk size overflows");
        this.size = this.size * 16 + digit;
        position++;
      } else if (state === STATE_SIZE_LINE_REST) {
        const lineFeed = buffer.indexOf(LF, position);
        const partialEnd = lineFeed === -1 ? end : lineFeed;
        // The rest of the size line is extension bytes and a CR; +1 leaves room for that CR.
        if (this.extensionBytes + this.pendingLength + (partialEnd - position) > this.limits.maxChunkExtensionBytes + 1) {
          return this.fail("ERR_SOCKET_CHUNK_EXTENSION_TOO_LARGE", "chunk extensions too large");
        }
        this.appendPending(buffer, position, partialEnd);
        if (lineFeed === -1) return this.result(data, end - offset);
        position = lineFeed + 1;
        const problem = this.finishSizeLine();
        if (problem !== undefined) return problem;
      } else if (state === STATE_DATA_CR || state === STATE_DATA_LF) {
        // RFC 9112 §7.1: chunk-data is followed by exactly CRLF.
        if (buffer[position] !== (state === STATE_DATA_CR ? CR : LF)) {
          return this.fail("ERR_SOCKET_BAD_CHUNK", "chunk data not followed by CRLF");
        }
        position++;
        this.state = state === STATE_DATA_CR ? STATE_DATA_LF : STATE_SIZE;
      } else {
        const lineFeed = buffer.indexOf(LF, position);
        const partialEnd = lineFeed === -1 ? end : lineFeed;
        if (this.trailerBytes + this.pendingLength + (partialEnd - position) > this.limits.maxHeaderBytes) {
          return this.fail("ERR_SOCKET_TRAILERS_TOO_LARGE", "trailer section too large");
        }
        this.appendPending(buffer, position, partialEnd);
        if (lineFeed === -1) return this.result(data, end - offset);
        position = lineFeed + 1;
        const problem = this.finishTrailerLine();
        if (problem !== undefined) return problem;
        if (this.state === STATE_DONE) break;
      }
    }
    return this.result(data, position - offset);
  }

  private result(data: Buffer[] | undefined, consumed: number): BodyData {
    return { kind: "data", data: data ?? NO_DATA, consumed, done: this.state === STATE_DONE };
  }

  private fail(code: ParseErrorCode, message: string): ParseError {
    this.error = createParseError(code, message);
    return this.error;
  }

  private appendPending(buffer: Buffer, start: number, end: number): void {
    this.pending = appendPending(this.pending, this.pendingLength, buffer, start, end, MIN_PENDING_BYTES);
    this.pendingLength += end - start;
  }

  /** The size line's rest (pending, up to its LF): `[ chunk-ext ] CR` (RFC 9112 §7.1.1). */
  private finishSizeLine(): ParseError | undefined {
    const pending = this.pending as Buffer;
    const restLength = this.pendingLength;
    this.pendingLength = 0;
    if (restLength === 0 || pending[restLength - 1] !== CR) {
      return this.fail("ERR_SOCKET_BAD_LINE_ENDING", "chunk-size line ends in LF without CR (RFC 9112 §2.2)");
    }
    const extensionLength = restLength - 1;
    this.extensionBytes += extensionLength;
    if (this.extensionBytes > this.limits.maxChunkExtensionBytes) {
      return this.fail("ERR_SOCKET_CHUNK_EXTENSION_TOO_LARGE", "chunk extensions too large");
    }
    if (extensionLength > 0 && !isValidParameters(pending, 0, extensionLength, false)) {
      if (pending.subarray(0, extensionLength).includes(CR)) {
        return this.fail("ERR_SOCKET_BAD_LINE_ENDING", "bare CR in a chunk-size line");
      }
      return this.fail("ERR_SOCKET_BAD_CHUNK", "malformed chunk size or extension");
    }
    const size = this.size;
    this.size = 0;
    this.sizeDigits = 0;
    if (size === 0) {
      this.state = STATE_TRAILERS;
      return undefined;
    }
    if (this.received + size > this.limits.maxBodyBytes) return this.fail("ERR_SOCKET_BODY_TOO_LARGE", "body above the body limit");
    this.remaining = size;
    this.state = STATE_DATA;
    return undefined;
  }

  /** One trailer line (pending, up to its LF): a field line, or the empty line ending the body (RFC 9112 §7.1.2). */
  private finishTrailerLine(): ParseError | undefined {
    const pending = this.pending as Buffer;
    const lineLength = this.pendingLength;
    this.pendingLength = 0;
    this.trailerBytes += lineLength + 1;
    if (this.trailerBytes > this.limits.maxHeaderBytes) return this.fail("ERR_SOCKET_TRAILERS_TOO_LARGE", "trailer section too large");
    if (lineLength === 0 || pending[lineLength - 1] !== CR) {
      return this.fail("ERR_SOCKET_BAD_LINE_ENDING", "line ends in LF without CR (RFC 9112 §2.2)");
    }
    const contentEnd = lineLength - 1;
    if (contentEnd === 0) {
      this.state = STATE_DONE;
      return undefined;
    }
    const problem = scanFieldLine(pending, 0, contentEnd, this.bounds);
    if (problem !== undefined) {
      this.error = problem;
      return problem;
    }
    if (++this.trailerCount > this.limits.maxHeaderCount) return this.fail("ERR_SOCKET_TOO_MANY_HEADERS", "too many trailer fields");
    const { nameEnd, valueStart, valueEnd } = this.bounds;
    this.trailers.push(pending.toString("latin1", 0, nameEnd), pending.toString("latin1", valueStart, valueEnd));
    return undefined;
  }
}

const EMPTY_BODY_DECODER: BodyDecoder = new EmptyBodyDecoder();

/**
 * Creates the decoder for a head's body framing. Limits default to MAX_BODY_BYTES, MAX_HEADER_COUNT,
 * MAX_HEADER_BYTES and MAX_CHUNK_EXTENSION_BYTES; server-kit's ServerLimits can be passed as is.
 */
export function createBodyDecoder(framing: BodyFraming, limits: Partial<BodyLimits> = {}): BodyDecoder {
  const maxBodyBytes = limits.maxBodyBytes ?? MAX_BODY_BYTES;
  if (framing.kind === "none") return EMPTY_BODY_DECODER;
  if (framing.kind === "length") return new LengthBodyDecoder(framing.length, maxBodyBytes);
  return new ChunkedBodyDecoder({
    maxBodyBytes,
    maxHeaderCount: limits.maxHeaderCount ?? MAX_HEADER_COUNT,
    maxHeaderBytes: limits.maxHeaderBytes ?? MAX_HEADER_BYTES,
    maxChunkExtensionBytes: limits.maxChunkExtensionBytes ?? MAX_CHUNK_EXTENSION_BYTES,
  });
}
