/**
 * Runs an application in memory, with no socket: builds an environ like a server would, runs the shared
 * response writer into a MemorySink, and returns what a client would have received.
 */
import { createEnviron } from "./environ.js";
import { getHeader } from "./headers.js";
import { createEmptyInputStream, createInputStream } from "./input-stream.js";
import { MemorySink } from "./memory-sink.js";
import { runApplication } from "./response-writer.js";
import type { Application, Environ, HeaderList } from "./types.js";

/** The request to simulate. */
export interface CallAppRequest {
  /** Default "GET". */
  method?: string;
  /** Request target, "/path?query". Default "/". */
  url?: string;
  headers?: Record<string, string> | HeaderList;
  body?: string | Uint8Array | AsyncIterable<Uint8Array>;
  /** Mount point, moved from the path into SCRIPT_NAME. */
  scriptName?: string;
  /** Extra environ keys (they win over computed ones). */
  environ?: Record<string, unknown>;
  /** Default "HTTP/1.1". */
  protocol?: string;
}

/** What the client would have received. */
export interface CallAppResult {
  status: number;
  reason: string;
  headers: HeaderList;
  body: Uint8Array;
  /** The body decoded as UTF-8. */
  text: string;
  /** The first value of a response header (case-insensitive). */
  header(name: string): string | undefined;
  /** The environ the application was given. */
  environ: Environ;
  /** True when the writer aborted the response (error after headers, Content-Length under-run). */
  aborted: boolean;
  /** Errors the writer reported (what a server would log), in order. */
  errors: unknown[];
}

function toRawHeaders(headers: CallAppRequest["headers"]): string[] {
  const pairs = headers === undefined ? [] : Array.isArray(headers) ? headers : Object.entries(headers);
  const raw: string[] = [];
  for (const [name, value] of pairs) raw.push(name, value);
  return raw;
}

function headerValue(raw: readonly string[], name: string): string | undefined {
  for (let index = 0; index < raw.length; index += 2) if ((raw[index] as string).toLowerCase() === name) return raw[index + 1];
  return undefined;
}

function hasHeader(raw: readonly string[], name: string): boolean {
  return headerValue(raw, name) !== undefined;
}

async function* bytesOnce(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Runs `app` for one simulated request and collects the response. */
export async function callApp(app: Application, request: CallAppRequest = {}): Promise<CallAppResult> {
  const method = request.method ?? "GET";
  const protocol = request.protocol ?? "HTTP/1.1";
  const rawHeaders = toRawHeaders(request.headers);
  if (!hasHeader(rawHeaders, "host")) rawHeaders.push("Host", "localhost");
  const body = request.body;
  let input = createEmptyInputStream();
  if (body !== undefined) {
    if (typeof body === "string" || body instanceof Uint8Array) {
      const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
      if (!hasHeader(rawHeaders, "content-length")) rawHeaders.push("Content-Length", String(bytes.length));
      input = createInputStream(bytesOnce(bytes), { contentLength: bytes.length });
    } else {
      const declared = headerValue(rawHeaders, "content-length");
      if (declared === undefined && !hasHeader(rawHeaders, "transfer-encoding")) rawHeaders.push("Transfer-Encoding", "chunked");
      input = createInputStream(body, declared === undefined ? {} : { contentLength: Number(declared) });
    }
  }
  const environ = createEnviron({
    method,
    target: request.url ?? "/",
    protocol,
    rawHeaders,
    remoteAddress: "127.0.0.1",
    remotePort: 40000,
    serverName: "localhost",
    serverPort: 80,
    input,
    ...(request.scriptName === undefined ? {} : { scriptName: request.scriptName }),
    ...(request.environ === undefined ? {} : { extra: request.environ }),
  });
  const sink = new MemorySink();
  const errors: unknown[] = [];
  const outcome = await runApplication(app, environ, sink, { method, protocol, keepAlive: true, onError: (_message, error) => errors.push(error) });
  const head = sink.head;
  const headers = head?.headers ?? [];
  const bytes = sink.body;
  return {
    status: head?.status ?? outcome.status,
    reason: head?.reason ?? "",
    headers,
    body: bytes,
    text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8"),
    header: (name: string) => getHeader(headers, name),
    environ,
    aborted: outcome.aborted,
    errors,
  };
}
