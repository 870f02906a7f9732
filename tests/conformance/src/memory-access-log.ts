/** An AccessLog that keeps records and their formatted lines in memory; cases wait for them. No I/O. */
import { compileAccessLogFormat, type AccessLog, type AccessLogFormatter, type AccessRecord } from "@patchbay/server-kit";

/** How long waitFor() waits for the server to log a finished request. */
export const ACCESS_LOG_WAIT_MS = 5000;

/** Keeps every record, and the line server-kit's formatter makes of it (gunicorn's default format). */
export class MemoryAccessLog implements AccessLog {
  readonly records: AccessRecord[] = [];
  readonly lines: string[] = [];
  reopened = 0;
  readonly #format: AccessLogFormatter;
  #wake: (() => void) | undefined;

  /** `format` is a gunicorn --access-logformat string; default server-kit's DEFAULT_ACCESS_LOG_FORMAT. */
  constructor(format?: string) {
    this.#format = compileAccessLogFormat(format);
  }

  write(record: AccessRecord): void {
    this.records.push(record);
    this.lines.push(this.#format(record));
    this.#wake?.();
  }

  reopen(): void {
    this.reopened++;
  }

  /** Resolves once `count` records were written (the log is written after the response, so it may lag). */
  async waitFor(count: number, timeoutMs = ACCESS_LOG_WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.records.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} access log records within ${timeoutMs} ms, got ${this.records.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          this.#wake = undefined;
          resolve();
        };
      });
    }
  }
}
