/** The error the validator raises for a broken rule of SPEC.md; it only describes, it never decides a response. */
import { GatewayError } from "../errors.js";

/** Which side of the contract broke the rule. */
export type ViolationSide = "application" | "server";

/** A numbered rule of SPEC.md, e.g. "G-4.3". */
export type RuleNumber = `G-${number}.${number}`;

/**
 * A rule of SPEC.md was broken. `message` starts with the rule number ("G-4.3: header name contains CR
 * or LF: …"), `rule` repeats it and `side` says who broke it. Status 500: a broken contract is a server
 * bug from the client's point of view.
 */
export class ValidationError extends GatewayError<"ERR_GATEWAY_VALIDATION"> {
  readonly rule: RuleNumber;
  readonly side: ViolationSide;

  constructor(rule: RuleNumber, side: ViolationSide, message: string) {
    super("ERR_GATEWAY_VALIDATION", `${rule}: ${message}`, { status: 500 });
    this.rule = rule;
    this.side = side;
  }
}
