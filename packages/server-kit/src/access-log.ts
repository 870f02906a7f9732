/**
 * The access log: one formatted line per finished request, to a file (appended, reopenable on SIGUSR1
 * for log rotation) or to stdout. It writes lines; it never decides what a line says (access-log-format.ts).
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { compileAccessLogFormat, type AccessLogFormatter } from "./access-log-format.js";
import { ServerKitError } from "./errors.js";
import type { AccessLog, AccessRecord } from "./server-types.js";

/** Options of openAccessLog. */
export interface AccessLogOptions {
  /** A file path (appended to), or "-" for stdout. */
  destination: string;
  /** gunicorn access log format. Default DEFAULT_ACCESS_LOG_FORMAT (Apache combined). */
  format?: string;
  /** Receives write errors of the log file (disk full, file removed). Default: ignored after the first report to stderr. */
  onError?: (error: Error) => void;
}

/** An access log that can also be closed (at server exit). */
export interface ClosableAccessLog extends AccessLog {
  /** Flushes and closes the file; stdout is left open. */
  close(): Promise<void>;
}

class StdoutAccessLog implements ClosableAccessLog {
  readonly #format: AccessLogFormatter;

  constructor(format: AccessLogFormatter) {
    this.#format = format;
  }

  write(record: AccessRecord): void {
    process.stdout.write(this.#format(record) + "\n");
  }

  reopen(): void {
    // stdout belongs to whoever started the process; there is nothing to reopen.
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

class FileAccessLog implements ClosableAccessLog {
  readonly #format: AccessLogFormatter;
  readonly #path: string;
  readonly #onError: (error: Error) => void;
  #stream: WriteStream;

  constructor(path: string, format: AccessLogFormatter, stream: WriteStream, onError: (error: Error) => void) {
    this.#path = path;
    this.#format = format;
    this.#onError = onError;
    this.#stream = stream;
    stream.on("error", onError);
  }

  write(record: AccessRecord): void {
    this.#stream.write(this.#format(record) + "\n");
  }

  /** Opens the path again (a rotated file is replaced by a new one); lines already queued go to the old file. */
  reopen(): void {
    const previous = this.#stream;
    this.#stream = createWriteStream(this.#path, { flags: "a" });
    this.#stream.on("error", this.#onError);
    previous.end();
  }

  close(): Promise<void> {
    const stream = this.#stream;
    return new Promise((resolve) => {
      if (stream.closed || stream.destroyed) resolve();
      else stream.end(() => resolve());
    });
  }
}

function reportOnce(): (error: Error) => void {
  let reported = false;
  return (error) => {
    if (reported) return;
    reported = true;
    process.stderr.write(`access log: ${error.message}\n`);
  };
}

/**
 * Opens the access log. A file is opened for appending now, so a bad path fails at startup with
 * ERR_KIT_INVALID_OPTION ("cannot open access log …") rather than on the first request.
 */
export async function openAccessLog(options: AccessLogOptions): Promise<ClosableAccessLog> {
  const format = compileAccessLogFormat(options.format);
  if (options.destination === "-") return new StdoutAccessLog(format);
  if (typeof options.destination !== "string" || options.destination === "") {
    throw new ServerKitError("ERR_KIT_INVALID_OPTION", 'access log destination must be a file path or "-"');
  }
  let handle;
  try {
    handle = await open(options.destination, "a");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ServerKitError("ERR_KIT_INVALID_OPTION", `cannot open access log ${options.destination}: ${reason}`, { cause: error });
  }
  const stream = createWriteStream(options.destination, { fd: handle, flags: "a" });
  return new FileAccessLog(options.destination, format, stream, options.onError ?? reportOnce());
}
