/**
 * Reads the Expect field of a parsed head for expectations this server cannot meet (RFC 9110 §10.1.1).
 * Pure; the connection decides what to answer (417) and when to send "100 Continue".
 */

const EXPECT_NAME_LENGTH = 6;
const CONTINUE_EXPECTATION = "100-continue";

/**
 * True when an Expect field in `rawHeaders` (flat [name, value, …]) holds a member other than "100-continue"
 * (case-insensitive, OWS and empty list members ignored, RFC 9110 §5.6.1). Such a request gets 417.
 */
export function hasUnsupportedExpectation(rawHeaders: readonly string[]): boolean {
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    if (name.length !== EXPECT_NAME_LENGTH || name.toLowerCase() !== "expect") continue;
    const members = (rawHeaders[index + 1] as string).split(",");
    for (const member of members) {
      const expectation = member.trim().toLowerCase();
      if (expectation !== "" && expectation !== CONTINUE_EXPECTATION) return true;
    }
  }
  return false;
}
