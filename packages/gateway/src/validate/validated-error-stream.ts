/** Wraps `gateway.errors` to check G-9: the application writes text, the server's stream never throws. */
import type { ErrorStream } from "../types.js";
import type { ViolationReporter } from "./violation-reporter.js";

/** An ErrorStream that checks each call and passes it on. */
export class ValidatedErrorStream implements ErrorStream {
  readonly #inner: ErrorStream;
  readonly #reporter: ViolationReporter;

  constructor(inner: ErrorStream, reporter: ViolationReporter) {
    this.#inner = inner;
    this.#reporter = reporter;
  }

  write(text: string): void {
    if (typeof text !== "string") {
      this.#reporter.violation("G-9.1", "application", `gateway.errors.write() takes a string, got ${typeof text}`);
    }
    this.#call("write", () => this.#inner.write(text));
  }

  flush(): void {
    this.#call("flush", () => this.#inner.flush());
  }

  #call(operation: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#reporter.violation("G-9.2", "server", `gateway.errors.${operation}() threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
