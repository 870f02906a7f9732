/**
 * The ResponseSink over a net.Socket: serialises the head the shared writer decided on, frames chunked bodies,
 * and batches small writes into one socket.write. It never chooses status, headers or framing (the writer
 * does), and never reads from the socket (the connection does).
 */
import type { Socket } from "node:net";
import type { ResponseHead, ResponseSink } from "@patchbay/gateway";

/**
 * Bytes kept in the batch before it is written at once. A head plus a small body, or the responses to one
 * read's pipelined requests, go out in one write; past this, bytes go straight to the socket.
 */
export const BATCH_HIGH_WATER_BYTES = 16 * 1024;

/** The interim response sent when an app starts reading a body its client announced with 100-continue (RFC 9110 §15.2.1). */
const CONTINUE_RESPONSE = "HTTP/1.1 100 Continue\r\n\r\n";
/** RFC 9112 §7.1: last-chunk with no trailer section, after the CRLF ending the previous chunk's data. */
const LAST_CHUNK_AFTER_DATA = "\r\n0\r\n\r\n";
const LAST_CHUNK = "0\r\n\r\n";
const CONNECTION_CLOSE_LINE = "Connection: close\r\n";
const CONNECTION_NAME_LENGTH = 10;

type Latin1WritableBuffer = Buffer & { latin1Write(text: string, offset: number): number };

/**
 * Writes `text` as latin-1 at `offset`, returning the bytes written. Buffer#latin1Write is what
 * write(text, offset, "latin1") ends in, minus its argument handling; write() is the fallback should it disappear.
 */
const writeLatin1: (buffer: Buffer, text: string, offset: number) => number =
  typeof (Buffer.prototype as Partial<Latin1WritableBuffer>).latin1Write === "function"
    ? (buffer, text, offset) => (buffer as Latin1WritableBuffer).latin1Write(text, offset)
    : (buffer, text, offset) => buffer.write(text, offset, "latin1");

const FRAMING_NONE = 0;
const FRAMING_LENGTH = 1;
const FRAMING_CHUNKED = 2;

/**
 * One per connection, reused for each of its responses in turn (responses never overlap on a connection).
 * Writes are kept in a batch, flushed after end() (in the loop's check phase, so the responses to
 * pipelined requests of one read leave in one write), when it passes BATCH_HIGH_WATER_BYTES, or on drain().
 */
export class SocketSink implements ResponseSink {
  readonly #socket: Socket;
  /**
   * The batch: #partCount parts, strings latin-1 (one byte per char) and byte arrays in wire order. The array
   * is kept and its slots cleared after each flush, sparing an array and its backing store per response.
   */
  readonly #parts: (string | Uint8Array | undefined)[] = [];
  #partCount = 0;
  #partsBytes = 0;
  #flushScheduled = false;
  /** Set by holdFlush(): the connection will decide at the end of its read how the batch leaves. */
  #flushHeld = false;
  /** A flush was asked for while held. */
  #flushWanted = false;
  /** end() was called for the response in progress: the batch holds only whole responses. */
  #ended = false;
  /** The head text last serialised, and what it was made from: a repeated head (same strings) reuses it. */
  #lastHeadText = "";
  #lastStatus = 0;
  #lastReason = "";
  #lastForcedClose = false;
  /** Flat [name, value, …] copied from the last head's list (a copy: a caller may reuse its own list). */
  readonly #lastFields: string[] = [];
  #framing = FRAMING_NONE;
  /** A chunked body has data whose closing CRLF is not written yet (it goes with the next size line). */
  #chunkOpen = false;
  #detached = false;
  #headSent = false;
  /** Index in #parts where the response in progress begins, or -1 once some of its bytes left for the socket. */
  #responseStart = 0;
  /**
   * Set by the connection when this response must be the last on the connection although the writer was told
   * otherwise (graceful stop began, an announced body was never read): the head then says "Connection: close".
   */
  closeAfterResponse = false;
  readonly #flushOnTick = (): void => {
    this.#flushScheduled = false;
    this.flush();
  };

  readonly #onClientGone: (() => void) | undefined;

  /** `onClientGone` runs when the writer first finds the socket destroyed, before it stops and closes the body. */
  constructor(socket: Socket, onClientGone?: () => void) {
    this.#socket = socket;
    this.#onClientGone = onClientGone;
  }

  /** Starts the next response on this connection. */
  begin(closeAfterResponse: boolean): void {
    this.#framing = FRAMING_NONE;
    this.#chunkOpen = false;
    this.#detached = false;
    this.#headSent = false;
    this.#ended = false;
    this.#responseStart = this.#partCount;
    this.closeAfterResponse = closeAfterResponse;
  }

  /** True once the head of the response in progress went into the batch or onto the wire. */
  get headSent(): boolean {
    return this.#headSent;
  }

  /**
   * Takes the wire away from the response in progress: every later call of the writer is ignored and
   * clientGone turns true, so the writer stops and closes the body. The connection answers by itself then.
   */
  detach(): void {
    this.#detached = true;
  }

  get clientGone(): boolean {
    if (this.#detached) return true;
    if (!this.#socket.destroyed) return false;
    // The socket is destroyed before its 'close' event fires: tell the connection now, so gateway.disconnect is
    // aborted before the writer closes the body.
    this.#onClientGone?.();
    return true;
  }

  sendHead(head: ResponseHead): void {
    if (this.#detached) return;
    this.#headSent = true;
    const forceClose = this.closeAfterResponse;
    let text: string;
    if (head.status === this.#lastStatus && head.reason === this.#lastReason && forceClose === this.#lastForcedClose && sameFields(head.headers, this.#lastFields)) {
      // The same status and header strings as the previous response on this connection (a fixed route,
      // the cached Date): reuse its text, already flat, instead of ~20 concatenations and a flattening copy.
      text = this.#lastHeadText;
    } else {
      text = serializeHead(head, forceClose);
      this.#lastHeadText = text;
      this.#lastStatus = head.status;
      this.#lastReason = head.reason;
      this.#lastForcedClose = forceClose;
      copyFields(head.headers, this.#lastFields);
    }
    this.#framing = head.framing === "chunked" ? FRAMING_CHUNKED : head.framing === "none" ? FRAMING_NONE : FRAMING_LENGTH;
    this.#append(text);
  }

  write(chunk: Uint8Array): boolean {
    if (this.#detached || this.#socket.destroyed) return true;
    if (chunk.length === 0 || this.#framing === FRAMING_NONE) return !this.#socket.writableNeedDrain;
    if (this.#framing === FRAMING_CHUNKED) {
      // RFC 9112 §7.1: chunk-size in hex, CRLF, data, CRLF; the data's CRLF is sent with what follows it.
      this.#append((this.#chunkOpen ? "\r\n" : "") + chunk.length.toString(16) + "\r\n");
      this.#chunkOpen = true;
    }
    if (chunk.length >= BATCH_HIGH_WATER_BYTES) {
      // Large data is not copied into the batch: batch and data leave together in one writev.
      const socket = this.#socket;
      socket.cork();
      this.flush();
      const accepted = socket.write(chunk);
      this.#responseStart = -1;
      socket.uncork();
      return accepted && !socket.writableNeedDrain;
    }
    this.#append(chunk);
    return !this.#socket.writableNeedDrain;
  }

  /**
   * A whole body given as text, right after its head. ASCII text (one byte a character) joins the batch as a
   * latin-1 part and is encoded by the flush's one copy; other or large text goes as UTF-8 bytes via write().
   */
  endWithText(text: string, byteLength: number): void {
    if (byteLength !== text.length || byteLength >= BATCH_HIGH_WATER_BYTES || this.#framing !== FRAMING_LENGTH) this.write(Buffer.from(text, "utf8"));
    else if (!this.#detached && !this.#socket.destroyed) this.#append(text);
    this.end();
  }

  drain(): Promise<void> {
    this.flush();
    const socket = this.#socket;
    if (!socket.writableNeedDrain || socket.destroyed || this.#detached) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        socket.off("drain", done);
        socket.off("close", done);
        resolve();
      };
      socket.on("drain", done);
      socket.on("close", done);
    });
  }

  end(): void {
    if (this.#detached) return;
    if (this.#framing === FRAMING_CHUNKED) this.#append(this.#chunkOpen ? LAST_CHUNK_AFTER_DATA : LAST_CHUNK);
    this.#chunkOpen = false;
    this.#ended = true;
    this.#scheduleFlush();
  }

  /**
   * From here until releaseFlush(), a flush the batch asks for waits for the connection's verdict: it is
   * processing one read, and only it knows whether more requests of that read are still to be answered.
   */
  holdFlush(): void {
    this.#flushHeld = true;
  }

  /**
   * Ends holdFlush(). When the batch holds only whole responses and `morePending` is false (no pipelined
   * request of this read is left to answer), it is written now: no later response could join it, and this
   * spares the setImmediate (an Immediate and a check-phase turn) per keep-alive request. Otherwise the flush
   * is scheduled as usual, so the responses to one read's pipelined requests still leave in one write.
   */
  releaseFlush(morePending: boolean): void {
    this.#flushHeld = false;
    if (!this.#flushWanted) return;
    this.#flushWanted = false;
    if (this.#ended && !morePending) this.flush();
    else this.#scheduleFlush();
  }

  /**
   * Resets the connection (TCP RST): a client must never take a cut-off body for a whole one, and a clean FIN
   * would end a close-delimited HTTP/1.0 body as if it were complete (RFC 9112 §6.3 rule 8).
   */
  abort(): void {
    if (this.#detached) return;
    const start = this.#responseStart;
    if (start >= 0) {
      // None of this response left yet: drop it, so the client sees no part of it at all (a reset cannot be
      // relied on to overtake bytes already sent on every platform).
      const parts = this.#parts;
      for (let index = start; index < this.#partCount; index++) parts[index] = undefined;
      this.#partCount = start;
      let bytes = 0;
      for (let index = 0; index < start; index++) bytes += (parts[index] as string | Uint8Array).length;
      this.#partsBytes = bytes;
    }
    // Earlier pipelined responses in the batch are whole: they still go. The writer logs the error.
    this.flush();
    this.#socket.resetAndDestroy();
  }

  /** Queues "100 Continue" (RFC 9110 §10.1.1) behind anything already batched, and sends it now. */
  sendContinue(): void {
    this.#append(CONTINUE_RESPONSE);
    this.flush();
  }

  /** Queues raw response bytes the connection wrote by itself (an error response), behind the batch. */
  writeRaw(text: string): void {
    this.#append(text);
    this.flush();
  }

  /** Writes the batch to the socket now: one write, whatever it holds. Returns socket.write's result. */
  flush(): boolean {
    const parts = this.#parts;
    const count = this.#partCount;
    if (count === 0) return !this.#socket.writableNeedDrain;
    const socket = this.#socket;
    let bytes: Uint8Array;
    if (count === 1 && typeof parts[0] !== "string") {
      bytes = parts[0] as Uint8Array;
      parts[0] = undefined;
    } else {
      const buffer = Buffer.allocUnsafe(this.#partsBytes);
      let offset = 0;
      for (let index = 0; index < count; index++) {
        const part = parts[index] as string | Uint8Array;
        parts[index] = undefined;
        if (typeof part === "string") offset += writeLatin1(buffer, part, offset);
        else {
          buffer.set(part, offset);
          offset += part.length;
        }
      }
      bytes = buffer;
    }
    this.#partCount = 0;
    this.#partsBytes = 0;
    this.#responseStart = this.#headSent ? -1 : 0;
    if (socket.destroyed || socket.writableEnded) return true;
    return socket.write(bytes);
  }

  #append(part: string | Uint8Array): void {
    this.#parts[this.#partCount++] = part;
    this.#partsBytes += part.length;
    if (this.#partsBytes >= BATCH_HIGH_WATER_BYTES) this.flush();
    else this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    if (this.#flushHeld) {
      this.#flushWanted = true;
      return;
    }
    this.#flushScheduled = true;
    // In the check phase, after every read of this loop turn and its microtasks: the responses to all the
    // pipelined requests of one read leave in one write (process.nextTick would send the first one alone).
    setImmediate(this.#flushOnTick);
  }
}

/** The head's wire text: status line, fields (a Connection field dropped when `forceClose`), empty line. */
function serializeHead(head: ResponseHead, forceClose: boolean): string {
  let text = "HTTP/1.1 " + head.status + " " + head.reason + "\r\n";
  const headers = head.headers;
  for (let index = 0; index < headers.length; index++) {
    const header = headers[index] as [string, string];
    const name = header[0];
    // The writer's Connection field said the connection stays; the connection has decided otherwise.
    if (forceClose && name.length === CONNECTION_NAME_LENGTH && name.toLowerCase() === "connection") continue;
    text += name + ": " + header[1] + "\r\n";
  }
  if (forceClose) text += CONNECTION_CLOSE_LINE;
  return text + "\r\n";
}

/** True when `headers` holds exactly the names and values of `fields` (flat), in order. */
function sameFields(headers: ResponseHead["headers"], fields: readonly string[]): boolean {
  const count = headers.length;
  if (count * 2 !== fields.length) return false;
  for (let index = 0; index < count; index++) {
    const header = headers[index] as [string, string];
    if (header[0] !== fields[2 * index] || header[1] !== fields[2 * index + 1]) return false;
  }
  return true;
}

/** Copies `headers` into `fields` as flat [name, value, …], reusing its storage. */
function copyFields(headers: ResponseHead["headers"], fields: string[]): void {
  const count = headers.length;
  fields.length = count * 2;
  for (let index = 0; index < count; index++) {
    const header = headers[index] as [string, string];
    fields[2 * index] = header[0];
    fields[2 * index + 1] = header[1];
  }
}
