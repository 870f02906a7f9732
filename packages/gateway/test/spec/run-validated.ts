// Test harness for the spec tests: builds an environ like a server would, runs an application through
// validate() and the real response writer into a validateSink-wrapped MemorySink, and collects
// every violation instead of throwing, so a test can assert which rules fired.
import { createEnviron } from "../../src/environ.js";
import { createEmptyInputStream, createInputStream } from "../../src/input-stream.js";
import { MemorySink } from "../../src/memory-sink.js";
import { runApplication, type ResponseOutcome } from "../../src/response-writer.js";
import { reasonPhrase } from "../../src/status.js";
import type { Framing, ResponseHead, ResponseSink } from "../../src/response-sink.js";
import type { Application, Body, Environ, ErrorStream, HeaderList, InputStream, StartResponse } from "../../src/types.js";
import { assertBodyClosed } from "../../src/validate/assert-body-closed.js";
import { validate } from "../../src/validate/validate.js";
import { validateSink } from "../../src/validate/validate-sink.js";
import type { ValidationError } from "../../src/validate/validation-error.js";
import type { ValidateOptions } from "../../src/validate/violation-reporter.js";

/** What a test may set about the simulated request. */
export interface RequestOptions {
  method?: string;
  url?: string;
  protocol?: string;
  headers?: HeaderList;
  body?: string;
  scriptName?: string;
  urlScheme?: "http" | "https";
  keepAlive?: boolean;
  /** Keys that replace what the server computed (to simulate a broken server). */
  environ?: Record<string, unknown>;
  sink?: MemorySink;
}

/** Everything the validator reported. */
export interface Collected {
  violations: ValidationError[];
  warnings: string[];
  /** Lines written to gateway.errors. */
  log: string[];
  options: ValidateOptions;
}

/** A fresh collector whose options make the validator collect instead of throw. */
export function createCollector(): Collected {
  const collected: Collected = { violations: [], warnings: [], log: [], options: {} };
  collected.options = { onViolation: (error) => collected.violations.push(error), onWarning: (message) => collected.warnings.push(message) };
  return collected;
}

/** The rule numbers reported, in order. */
export function rulesOf(collected: Collected, side?: "application" | "server"): string[] {
  return collected.violations.filter((error) => side === undefined || error.side === side).map((error) => error.rule);
}

/** An ErrorStream that keeps its lines. */
export function createLogStream(log: string[]): ErrorStream {
  return { write: (text) => void log.push(text), flush: () => {} };
}

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

/** An environ as a server would build it, with gateway.errors collecting into `log`. */
export function makeEnviron(request: RequestOptions = {}, log: string[] = []): Environ {
  const rawHeaders: string[] = ["Host", "localhost"];
  for (const [name, value] of request.headers ?? []) rawHeaders.push(name, value);
  let input: InputStream = createEmptyInputStream();
  if (request.body !== undefined) {
    const length = Buffer.byteLength(request.body);
    rawHeaders.push("Content-Length", String(length));
    input = createInputStream(bytesOf(request.body), { contentLength: length });
  }
  return createEnviron({
    method: request.method ?? "GET",
    target: request.url ?? "/",
    protocol: request.protocol ?? "HTTP/1.1",
    rawHeaders,
    remoteAddress: "127.0.0.1",
    remotePort: 40000,
    serverName: "localhost",
    serverPort: 80,
    input,
    errors: createLogStream(log),
    ...(request.urlScheme === undefined ? {} : { urlScheme: request.urlScheme }),
    ...(request.scriptName === undefined ? {} : { scriptName: request.scriptName }),
    ...(request.environ === undefined ? {} : { extra: request.environ }),
  });
}

/** One validated run through the real response writer. */
export interface ValidatedRun extends Collected {
  environ: Environ;
  sink: MemorySink;
  outcome: ResponseOutcome;
  /** Errors the writer reported to its server (onError). */
  writerErrors: unknown[];
  text: string;
  header(name: string): string | undefined;
}

/** Runs `app` validated on both sides (validate + validateSink + assertBodyClosed), collecting violations. */
export async function runValidated(app: Application, request: RequestOptions = {}): Promise<ValidatedRun> {
  const collected = createCollector();
  const environ = makeEnviron(request, collected.log);
  const sink = request.sink ?? new MemorySink();
  const writerErrors: unknown[] = [];
  const method = request.method ?? "GET";
  const protocol = request.protocol ?? "HTTP/1.1";
  const outcome = await runApplication(validate(app, collected.options), environ, validateSink(sink, environ, collected.options), {
    method,
    protocol,
    keepAlive: request.keepAlive ?? true,
    onError: (_message, error) => writerErrors.push(error),
  });
  assertBodyClosed(environ);
  return {
    ...collected,
    environ,
    sink,
    outcome,
    writerErrors,
    text: Buffer.from(sink.body).toString("utf8"),
    header: (name) => sink.head?.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1],
  };
}

/** A plain valid application: 200, text/plain, the given chunks as an array. */
export function textApp(...chunks: string[]): Application {
  return (_environ, startResponse) => {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return chunks;
  };
}

/** An application that calls startResponse with the given status and headers and returns `body`. */
export function respondWith(status: string, headers: HeaderList, body: Iterable<string> = []): Application {
  return (_environ, startResponse) => {
    startResponse(status, headers);
    return body;
  };
}

/** A server-side InputStream that answers from a script, to simulate broken servers. */
export function scriptedInput(script: { read?: string[]; readline?: string[]; chunks?: string[] }): InputStream {
  const reads = [...(script.read ?? [])];
  const lines = [...(script.readline ?? [])];
  const chunks = script.chunks ?? [];
  return {
    read: () => Promise.resolve(Buffer.from(reads.shift() ?? "")),
    readline: () => Promise.resolve(Buffer.from(lines.shift() ?? "")),
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) yield Buffer.from(chunk);
    },
  };
}

/** A MemorySink whose write() always asks for a drain, resolved on the next macrotask. */
export class BackpressureSink extends MemorySink {
  drains = 0;

  override write(chunk: Uint8Array): boolean {
    super.write(chunk);
    return false;
  }

  override drain(): Promise<void> {
    this.drains++;
    return new Promise((resolve) => setImmediate(resolve));
  }
}

/** The pieces a test needs to play a (broken) server by hand: a validated app call and a validated sink. */
export interface Driver {
  collected: Collected;
  environ: Environ;
  memory: MemorySink;
  sink: ResponseSink;
  /** Calls the validated `app` with this driver's environ and the given server startResponse. */
  call(app: Application, startResponse?: StartResponse): Body | Promise<Body>;
}

/** Sets up a hand-driven request, with the validator collecting on both sides. */
export function createDriver(request: RequestOptions = {}): Driver {
  const collected = createCollector();
  const environ = makeEnviron(request, collected.log);
  const memory = request.sink ?? new MemorySink();
  const sink = validateSink(memory, environ, collected.options);
  return { collected, environ, memory, sink, call: (app, startResponse = () => () => {}) => validate(app, collected.options)(environ, startResponse) };
}

/** A response head with a Date header, as a server would send it. */
export function headOf(status: number, headers: HeaderList, framing: Framing, keepAlive = true): ResponseHead {
  return { status, reason: reasonPhrase(status), headers: [...headers, ["Date", "Thu, 01 Jan 2026 00:00:00 GMT"]], framing, keepAlive };
}
