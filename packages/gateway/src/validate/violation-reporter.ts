/**
 * Where the validator sends what it finds: every violation and warning is written to the request's
 * `gateway.errors`, then handed to the caller's callback (by default a violation is thrown). No checks here.
 */
import type { ErrorStream } from "../types.js";
import { ValidationError, type RuleNumber, type ViolationSide } from "./validation-error.js";

/** How the validator reports what it finds. */
export interface ValidateOptions {
  /**
   * Receives each violation of a MUST rule. Default: throw it, at the point where it was detected
   * (into the application for its own mistakes, into the server's call for the server's). A callback
   * that returns instead lets the request go on unchanged, e.g. to collect every violation of a run.
   */
  onViolation?: (error: ValidationError) => void;
  /** Receives each breach of a SHOULD rule, as "G-x.y: …". Default: nothing beyond the `gateway.errors` line. */
  onWarning?: (message: string) => void;
  /**
   * Whether each violation and warning is also written to the request's `gateway.errors` as one line
   * starting "patchbay validate: ". Default true.
   */
  logToErrorStream?: boolean;
}

const throwViolation = (error: ValidationError): void => {
  throw error;
};

/** Reports violations and warnings for one request. */
export class ViolationReporter {
  readonly #errors: ErrorStream | undefined;
  readonly #onViolation: (error: ValidationError) => void;
  readonly #onWarning: ((message: string) => void) | undefined;
  #violations = 0;

  /** `errors` is the server's original `gateway.errors` (never the validator's wrapper of it), when usable. */
  constructor(errors: ErrorStream | undefined, options: ValidateOptions) {
    this.#errors = options.logToErrorStream === false ? undefined : errors;
    this.#onViolation = options.onViolation ?? throwViolation;
    this.#onWarning = options.onWarning;
  }

  /** Reports a broken MUST rule; throws unless the caller's onViolation returns. */
  violation(rule: RuleNumber, side: ViolationSide, message: string): void {
    this.#violations++;
    const error = new ValidationError(rule, side, message);
    this.#log(`${side} violation: ${error.message}`);
    this.#onViolation(error);
  }

  /** How many violations were reported so far (to tell a valid call from one let through by onViolation). */
  get violationCount(): number {
    return this.#violations;
  }

  /** Reports a broken SHOULD rule; never throws. */
  warning(rule: RuleNumber, message: string): void {
    const text = `${rule}: ${message}`;
    this.#log(`warning: ${text}`);
    this.#onWarning?.(text);
  }

  #log(text: string): void {
    if (this.#errors === undefined) return;
    try {
      this.#errors.write(`patchbay validate: ${text}\n`);
    } catch {
      // A broken error stream is itself reported by G-9.2; logging must not mask the violation.
    }
  }
}
