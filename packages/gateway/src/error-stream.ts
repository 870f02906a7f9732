/** The default `gateway.errors` stream: application diagnostics go to the server's stderr. */
import type { ErrorStream } from "./types.js";

/** Creates an ErrorStream that hands each write to `sink` (default: process.stderr). */
export function createErrorStream(sink: (text: string) => void = (text) => process.stderr.write(text)): ErrorStream {
  return {
    write(text: string): void {
      sink(text);
    },
    flush(): void {},
  };
}

/** The shared ErrorStream writing to process.stderr. */
export const STDERR_ERROR_STREAM: ErrorStream = createErrorStream();
