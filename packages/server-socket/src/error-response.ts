/**
 * The responses a connection sends by itself, without an application: a request it refuses (framing error,
 * limit, timeout, failed expectation) or a connection it cannot take. Always the last on the connection.
 * Pure: builds text, never writes it.
 */
import { httpDate, reasonPhrase } from "@patchbay/gateway";

/**
 * The whole response as a latin-1 string: status line, Content-Type, Content-Length, Date, Server and
 * "Connection: close" (RFC 9112 §9.6: the server closes after it), and a short text body. `detail` must be a
 * fixed message, never bytes from the request (no reflection into the response).
 */
export function formatErrorResponse(status: number, detail: string, serverHeader: string | null = "patchbay"): string {
  const reason = reasonPhrase(status);
  const body = `${reason}\n\n${detail}\n`;
  return (
    `HTTP/1.1 ${status} ${reason}\r\n` +
    "Content-Type: text/plain; charset=utf-8\r\n" +
    `Content-Length: ${Buffer.byteLength(body, "latin1")}\r\n` +
    `Date: ${httpDate()}\r\n` +
    (serverHeader === null ? "" : `Server: ${serverHeader}\r\n`) +
    "Connection: close\r\n\r\n" +
    body
  );
}
