/** Status codes and their reason phrases (RFC 9110 §15). Data only. */
import { STATUS_CODES } from "node:http";

/** The standard reason phrase for a status code, or "Unknown" when it has none. */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? "Unknown";
}
