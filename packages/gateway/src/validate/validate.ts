/**
 * The validator middleware (wsgiref.validate's job, both sides): wraps an application, checks the
 * environ and streams the server passes and every call the application makes, and reports each broken
 * MUST of SPEC.md as a ValidationError. It never changes a valid request or response.
 */
import type { Application, Body, Environ, ErrorStream, FileWrapper, HeaderList, InputStream, StartResponse, Write } from "../types.js";
import { checkEnviron } from "./check-environ.js";
import { checkHeaderList } from "./check-header-list.js";
import { checkStatus } from "./check-status.js";
import { recordChunk } from "./record-chunk.js";
import { attachResponseState, ResponseState } from "./response-state.js";
import { ValidatedErrorStream } from "./validated-error-stream.js";
import { ValidatedInputStream } from "./validated-input-stream.js";
import { validateBody } from "./validated-body.js";
import { ViolationReporter, type ValidateOptions } from "./violation-reporter.js";

function usableErrorStream(value: unknown): ErrorStream | undefined {
  const errors = value as Partial<ErrorStream> | null | undefined;
  return typeof errors === "object" && errors !== null && typeof errors.write === "function" ? (errors as ErrorStream) : undefined;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function";
}

/**
 * Wraps `app` so that every rule of SPEC.md either side can break is checked while it runs.
 * A violation is written to `gateway.errors` and handed to `options.onViolation`, which throws it by
 * default: into the application for its own mistakes (startResponse, write, input calls), into the
 * server's call for the server's (the environ, iterating or closing the body). Pair it with
 * `validateSink` to check what the server writes, and `assertBodyClosed` after the response to catch a
 * close() that never came. Throws G-1.1 at once when `app` is not a function.
 */
export function validate(app: Application, options: ValidateOptions = {}): Application {
  if (typeof app !== "function") {
    new ViolationReporter(undefined, options).violation("G-1.1", "application", `an application must be a function (environ, startResponse), got ${typeof app}`);
  }
  // Environ objects already handed to this application: each call needs its own (G-1.3).
  const seenEnvirons = new WeakSet<object>();
  return (...args: unknown[]): Body | Promise<Body> => {
    const [environValue, serverStartResponse] = args;
    const reporter = new ViolationReporter(usableErrorStream((environValue as Record<string, unknown> | null | undefined)?.["gateway.errors"]), options);
    if (args.length !== 2 || typeof environValue !== "object" || environValue === null || Array.isArray(environValue) || typeof serverStartResponse !== "function") {
      reporter.violation("G-1.2", "server", `an application is called with (environ object, startResponse function), got ${args.length} arguments`);
    }
    const environ = environValue as Environ;
    // Let through by onViolation: nothing more can be checked without an environ.
    if (typeof environ !== "object" || environ === null) return app(environ, serverStartResponse as StartResponse);
    if (seenEnvirons.has(environ)) reporter.violation("G-1.3", "server", "this environ object was already passed to this application; each call needs its own");
    seenEnvirons.add(environ);
    checkEnviron(environ, reporter);
    const state = new ResponseState(String(environ.REQUEST_METHOD), reporter);
    attachResponseState(environ, state);
    wrapEnviron(environ, state);
    const startResponse = createValidatedStartResponse(serverStartResponse as StartResponse, state);
    let returned: Body | Promise<Body>;
    try {
      returned = app(environ, startResponse);
    } catch (error) {
      state.markFailed(error);
      throw error;
    }
    if (!isPromiseLike(returned)) return validateBody(returned, state);
    return Promise.resolve(returned).then(
      (body) => validateBody(body, state),
      (error: unknown) => {
        state.markFailed(error);
        throw error;
      },
    );
  };
}

/** Replaces the streams and callables of the environ with checking wrappers (as wsgiref.validate does). */
function wrapEnviron(environ: Environ, state: ResponseState): void {
  const reporter = state.reporter;
  const input = environ["gateway.input"] as InputStream | undefined;
  if (typeof input?.read === "function") {
    const contentLength = typeof environ.CONTENT_LENGTH === "string" && /^\d+$/.test(environ.CONTENT_LENGTH) ? Number(environ.CONTENT_LENGTH) : undefined;
    environ["gateway.input"] = new ValidatedInputStream(input, reporter, contentLength);
  }
  const errors = usableErrorStream(environ["gateway.errors"]);
  if (errors !== undefined && typeof errors.flush === "function") environ["gateway.errors"] = new ValidatedErrorStream(errors, reporter);
  const fileWrapper = environ["gateway.file_wrapper"];
  if (typeof fileWrapper === "function") environ["gateway.file_wrapper"] = createValidatedFileWrapper(fileWrapper, state);
  const earlyHints = environ["gateway.early_hints"];
  if (typeof earlyHints === "function") {
    environ["gateway.early_hints"] = (headers: HeaderList) => {
      if (state.headersOut || state.sinkHeadSent) reporter.violation("G-11.3", "application", "gateway.early_hints() was called after the response head was sent");
      checkHeaderList(headers, reporter, "early hints");
      earlyHints(headers);
    };
  }
  const onFinished = environ["gateway.on_finished"];
  if (typeof onFinished === "function") {
    let calls = 0;
    onFinished(() => {
      calls++;
      if (calls > 1) reporter.violation("G-11.4", "server", `an on_finished callback ran ${calls} times`);
      else if (state.hasBody && state.closeCount === 0) reporter.violation("G-11.4", "server", "on_finished callbacks ran before the body was closed");
    });
  }
}

function createValidatedFileWrapper(inner: FileWrapper, state: ResponseState): FileWrapper {
  return (filePath, fileOptions) => {
    const body = inner(filePath, fileOptions);
    const candidate = body as Partial<typeof body> | null;
    if (typeof candidate !== "object" || candidate === null || candidate.filePath !== filePath || typeof candidate.start !== "number" || typeof candidate[Symbol.asyncIterator] !== "function" || typeof candidate.close !== "function") {
      state.reporter.violation("G-10.1", "server", `gateway.file_wrapper(${JSON.stringify(filePath)}) must return a FileBody (filePath, start, end, async iteration, close())`);
    }
    return body;
  };
}

/** The checking startResponse handed to the application (G-4, G-5). */
function createValidatedStartResponse(serverStartResponse: StartResponse, state: ResponseState): StartResponse {
  const reporter = state.reporter;
  return (...args: unknown[]): Write => {
    const [status, headers, excInfo] = args;
    const hasExcInfo = excInfo !== undefined && excInfo !== null;
    const violationsBefore = reporter.violationCount;
    if (args.length < 2 || args.length > 3) reporter.violation("G-4.4", "application", `startResponse takes (status, headers, excInfo?), got ${args.length} arguments`);
    if (state.started && !hasExcInfo) reporter.violation("G-4.10", "application", "startResponse called a second time without excInfo");
    const checkedStatus = checkStatus(status, reporter);
    const checkedHeaders = checkHeaderList(headers, reporter, "startResponse");
    const validCall = reporter.violationCount === violationsBefore;
    const headersOut = state.headersOut;
    let write: unknown;
    try {
      write = args.length === 2 ? serverStartResponse(status as string, headers as HeaderList) : serverStartResponse(status as string, headers as HeaderList, excInfo);
    } catch (error) {
      if (hasExcInfo && headersOut && error !== excInfo) {
        reporter.violation("G-4.12", "server", "with excInfo after the head was sent, startResponse must re-throw excInfo itself");
      } else if (validCall && !(hasExcInfo && headersOut)) {
        reporter.violation(hasExcInfo ? "G-4.11" : "G-4.13", "server", `startResponse refused a valid call: ${error instanceof Error ? error.message : String(error)}`);
      }
      throw error;
    }
    if (hasExcInfo && headersOut) {
      reporter.violation("G-4.12", "server", "startResponse returned although the head was already sent; it must re-throw excInfo");
    }
    if (typeof write !== "function") reporter.violation("G-4.13", "server", `startResponse must return write(), got ${typeof write}`);
    state.started = true;
    state.statusCode = checkedStatus.code;
    state.reason = checkedStatus.reason;
    state.headers = headers as HeaderList;
    state.declaredLength = checkedHeaders.contentLength;
    state.hasContentType = checkedHeaders.hasContentType;
    return createValidatedWrite(write as Write, state);
  };
}

/** The checking write() (G-5). */
function createValidatedWrite(serverWrite: Write, state: ResponseState): Write {
  return (chunk) => {
    if (state.bodyEnded || state.closeCount > 0) state.reporter.violation("G-5.2", "application", "write() called after the body had ended");
    const length = recordChunk(state, chunk, "G-5.1");
    serverWrite(chunk);
    if (length > 0) {
      state.headersOut = true;
      if (state.sinkLinked && !state.sinkHeadSent) state.reporter.violation("G-5.3", "server", "write() returned before the response head was sent");
    }
  };
}
