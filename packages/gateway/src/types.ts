/**
 * The Gateway Interface contract: PEP 3333 transposed to TypeScript.
 * Types only; SPEC.md states every rule these shapes carry.
 */

/** A body chunk: bytes, or a string sent as UTF-8. */
export type Chunk = Uint8Array | string;

/** What an application returns: a sync or async iterable of chunks, optionally closable. */
export type Body = (Iterable<Chunk> | AsyncIterable<Chunk>) & {
  /** Called by the server exactly once, on every path (finished, client gone, error). */
  close?(): void | Promise<void>;
};

/** Response headers: an ordered list of [name, value] ByteString pairs. */
export type HeaderList = [name: string, value: string][];

/** The legacy imperative write() callable returned by startResponse (PEP 3333 §"The write() Callable"). */
export type Write = (chunk: Chunk) => void;

/**
 * Begins the response. `status` is "NNN Reason". A second call is only allowed with
 * `excInfo`; once headers are sent, `excInfo` is re-thrown.
 */
export type StartResponse = (status: string, headers: HeaderList, excInfo?: unknown) => Write;

/** A gateway application. */
export type Application = (environ: Environ, startResponse: StartResponse) => Body | Promise<Body>;

/** A middleware wraps one application into another. */
export type Middleware = (app: Application) => Application;

/** `gateway.input`: the request body, already de-chunked; never reads past CONTENT_LENGTH. */
export interface InputStream extends AsyncIterable<Uint8Array> {
  /** Reads up to `size` bytes (all remaining when omitted); an empty array means end of input. */
  read(size?: number): Promise<Uint8Array>;
  /** Reads one line including its LF, at most `size` bytes; an empty array means end of input. */
  readline(size?: number): Promise<Uint8Array>;
}

/** `gateway.errors`: a text sink for application diagnostics (the server's error log). */
export interface ErrorStream {
  write(text: string): void;
  flush(): void;
}

/** Options for `gateway.file_wrapper`. */
export interface FileWrapperOptions {
  /** First byte to send (default 0). */
  start?: number;
  /** Last byte to send, inclusive (default: end of file). */
  end?: number;
  /** Read size in bytes (default 256 KiB). */
  blockSize?: number;
}

/**
 * A body that streams a file. Servers recognise it by `filePath` and may send the
 * file by a faster route; iterating it is always correct.
 */
export interface FileBody extends AsyncIterable<Uint8Array> {
  readonly filePath: string;
  readonly start: number;
  /** Inclusive last byte, or undefined for "to the end". */
  readonly end: number | undefined;
  close(): Promise<void>;
}

/** `gateway.file_wrapper`: turns a file path into a body a server may send efficiently. */
export type FileWrapper = (filePath: string, options?: FileWrapperOptions) => FileBody;

/** `gateway.early_hints` (optional extension): sends a 103 Early Hints interim response. */
export type EarlyHints = (headers: HeaderList) => void;

/** `gateway.on_finished` (optional extension): registers a callback run once the response is done. */
export type OnFinished = (callback: (error?: Error) => void) => void;

/** The per-request environment (PEP 3333 `environ`). Keys outside this list belong to a server's own prefix. */
export interface Environ {
  REQUEST_METHOD: string;
  /** The mount point of the application; "" or starts with "/", never ends with "/". */
  SCRIPT_NAME: string;
  /** The rest of the path, percent-decoded (UTF-8 decoded); "" or starts with "/" ("*" for `OPTIONS *`). */
  PATH_INFO: string;
  /** The raw query string, without "?", possibly "". */
  QUERY_STRING: string;
  CONTENT_TYPE?: string;
  CONTENT_LENGTH?: string;
  SERVER_NAME: string;
  SERVER_PORT: string;
  /** "HTTP/1.0" or "HTTP/1.1". */
  SERVER_PROTOCOL: string;
  REMOTE_ADDR: string;
  REMOTE_PORT: string;
  /** The raw request target as received, e.g. "/a%20b?x=1". */
  REQUEST_URI: string;
  "gateway.version": readonly [1, 0];
  "gateway.url_scheme": "http" | "https";
  "gateway.input": InputStream;
  "gateway.errors": ErrorStream;
  "gateway.multithread": boolean;
  "gateway.multiprocess": boolean;
  "gateway.run_once": boolean;
  "gateway.file_wrapper": FileWrapper;
  /** Optional: aborted when the client goes away before the response is finished. */
  "gateway.disconnect"?: AbortSignal;
  /** Optional: 103 Early Hints. */
  "gateway.early_hints"?: EarlyHints;
  /** Optional: callback when the response is fully written or aborted. */
  "gateway.on_finished"?: OnFinished;
  /** One key per request header, e.g. HTTP_ACCEPT_LANGUAGE; repeated headers joined with ", ". */
  [key: `HTTP_${string}`]: string | undefined;
  /** Server- or middleware-specific keys, under their own prefix ("loop.", "socket.", "routes."). */
  [key: string]: unknown;
}

/** The gateway version this package implements. */
export const GATEWAY_VERSION: readonly [1, 0] = [1, 0] as const;
