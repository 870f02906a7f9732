// A gateway Application written by hand with no framework: what environApp does, in a dozen lines. No I/O.
import type { Application } from "@patchbay/gateway";

/** Escapes the characters that would let a request header turn into markup (the page is text/html). */
function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/**
 * Answers every request with a small HTML page naming the method, the path (PATH_INFO, percent-decoded),
 * the query string and the client's User-Agent, read straight from the environ (PEP 3333's CGI keys).
 * It calls startResponse once and returns a one-chunk list: the server frames it with Content-Length.
 */
export const greetingApp: Application = (environ, startResponse) => {
  const rows: [string, string][] = [
    ["REQUEST_METHOD", environ.REQUEST_METHOD],
    ["PATH_INFO", environ.PATH_INFO],
    ["QUERY_STRING", environ.QUERY_STRING],
    ["HTTP_USER_AGENT", environ.HTTP_USER_AGENT ?? ""],
  ];
  const table = rows.map(([key, value]) => `<tr><th>${key}</th><td>${escapeHtml(value)}</td></tr>`).join("");
  startResponse("200 OK", [["Content-Type", "text/html; charset=utf-8"]]);
  return [`<!doctype html><title>Hello</title><h1>Hello world from a gateway application!</h1><table>${table}</table>\n`];
};
