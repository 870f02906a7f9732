// SPEC.md G-2: the environ keys a server passes, checked through validate() on valid and broken environs.
import { describe, expect, test } from "vitest";
import { callApp } from "../../src/call-app.js";
import { createEnviron } from "../../src/environ.js";
import { createEmptyInputStream } from "../../src/input-stream.js";
import { requestUri } from "../../src/uri.js";
import { validate } from "../../src/validate/validate.js";
import { rulesOf, runValidated, textApp, type RequestOptions } from "./run-validated.js";

interface EnvironCase {
  rule: string;
  title: string;
  /** A request on which the rule holds, and what the environ then says. */
  holds: RequestOptions;
  expected: Record<string, unknown>;
  /** Environ keys a broken server would pass. */
  broken: Record<string, unknown>;
}

const cases: EnvironCase[] = [
  { rule: "G-2.1", title: "REQUEST_METHOD is the request's method, a token", holds: { method: "PATCH" }, expected: { REQUEST_METHOD: "PATCH" }, broken: { REQUEST_METHOD: "GE T" } },
  { rule: "G-2.2", title: 'SCRIPT_NAME is "" or starts with "/" and never ends with "/"', holds: { url: "/app/x", scriptName: "/app" }, expected: { SCRIPT_NAME: "/app", PATH_INFO: "/x" }, broken: { SCRIPT_NAME: "/", PATH_INFO: "" } },
  { rule: "G-2.3", title: 'PATH_INFO is "" or starts with "/" ("*" for OPTIONS *)', holds: { method: "OPTIONS", url: "*" }, expected: { SCRIPT_NAME: "", PATH_INFO: "*" }, broken: { PATH_INFO: "x" } },
  { rule: "G-2.4", title: "SCRIPT_NAME + PATH_INFO is the percent-decoded path", holds: { url: "/app/caf%C3%A9%20au%2Flait", scriptName: "/app" }, expected: { SCRIPT_NAME: "/app", PATH_INFO: "/café au/lait" }, broken: { PATH_INFO: "/caf%C3%A9" } },
  { rule: "G-2.5", title: 'QUERY_STRING is the raw query without "?", possibly ""', holds: { url: "/s?q=a%20b&x" }, expected: { QUERY_STRING: "q=a%20b&x" }, broken: { QUERY_STRING: "?x=1" } },
  { rule: "G-2.6", title: "CONTENT_TYPE and CONTENT_LENGTH come from the request; CONTENT_LENGTH is digits", holds: { method: "POST", body: "abc", headers: [["Content-Type", "text/plain"]] }, expected: { CONTENT_LENGTH: "3", CONTENT_TYPE: "text/plain" }, broken: { CONTENT_LENGTH: "3 bytes" } },
  { rule: "G-2.7", title: "no HTTP_CONTENT_TYPE or HTTP_CONTENT_LENGTH", holds: { headers: [["Content-Type", "text/plain"]] }, expected: { CONTENT_TYPE: "text/plain" }, broken: { HTTP_CONTENT_TYPE: "text/plain" } },
  { rule: "G-2.8", title: "SERVER_NAME is non-empty and SERVER_PORT a decimal string", holds: {}, expected: { SERVER_NAME: "localhost", SERVER_PORT: "80" }, broken: { SERVER_PORT: 80 } },
  { rule: "G-2.9", title: 'SERVER_PROTOCOL is "HTTP/1.0" or "HTTP/1.1"', holds: { protocol: "HTTP/1.0" }, expected: { SERVER_PROTOCOL: "HTTP/1.0" }, broken: { SERVER_PROTOCOL: "HTTP/2" } },
  { rule: "G-2.10", title: "REMOTE_ADDR is a string and REMOTE_PORT a decimal string", holds: {}, expected: { REMOTE_ADDR: "127.0.0.1", REMOTE_PORT: "40000" }, broken: { REMOTE_PORT: "ephemeral" } },
  { rule: "G-2.11", title: "REQUEST_URI is the raw request target", holds: { url: "http://example.com/a%20b?c" }, expected: { REQUEST_URI: "http://example.com/a%20b?c", PATH_INFO: "/a b", QUERY_STRING: "c" }, broken: { REQUEST_URI: "a b" } },
  { rule: "G-2.12", title: 'one HTTP_* key per header: upper-case, "-" mapped to "_", a string', holds: { headers: [["x-Request-id", "7"]] }, expected: { HTTP_X_REQUEST_ID: "7" }, broken: { "HTTP_x-request-id": "7" } },
  { rule: "G-2.15", title: "gateway.version is [1, 0]", holds: {}, expected: { "gateway.version": [1, 0] }, broken: { "gateway.version": [1, 1] } },
  { rule: "G-2.16", title: 'gateway.url_scheme is "http" or "https"', holds: { urlScheme: "https" }, expected: { "gateway.url_scheme": "https" }, broken: { "gateway.url_scheme": "ftp" } },
  { rule: "G-2.17", title: "gateway.input is an InputStream", holds: {}, expected: {}, broken: { "gateway.input": { read: () => Promise.resolve(new Uint8Array(0)) } } },
  { rule: "G-2.18", title: "gateway.errors is an ErrorStream (write, flush)", holds: {}, expected: {}, broken: { "gateway.errors": { write: () => {} } } },
  { rule: "G-2.19", title: "gateway.multithread, gateway.multiprocess and gateway.run_once are booleans", holds: {}, expected: { "gateway.multithread": false, "gateway.multiprocess": false, "gateway.run_once": false }, broken: { "gateway.run_once": "no" } },
  { rule: "G-2.20", title: "gateway.file_wrapper is a function", holds: {}, expected: {}, broken: { "gateway.file_wrapper": null } },
  { rule: "G-2.21", title: "every key without a dot is a CGI key with a string value", holds: { environ: { SERVER_SOFTWARE: "patchbay" } }, expected: { SERVER_SOFTWARE: "patchbay" }, broken: { SERVER_SOFTWARE: undefined } },
  { rule: "G-2.22", title: "gateway.* keys are this spec's; a server's own keys use its own prefix", holds: { environ: { "loop.worker": 1 } }, expected: { "loop.worker": 1 }, broken: { "gateway.worker": 1 } },
];

describe("G-2 environ", () => {
  test.each(cases)("$rule: $title", async ({ rule, holds, expected, broken }) => {
    const valid = await runValidated(textApp("ok"), holds);
    expect(rulesOf(valid)).toEqual([]);
    expect(valid.environ).toMatchObject(expected);
    const invalid = await runValidated(textApp("ok"), { ...holds, environ: { ...holds.environ, ...broken } });
    expect(rulesOf(invalid, "server")).toContain(rule);
    expect(invalid.violations.find((error) => error.rule === rule)?.message).toMatch(new RegExp(`^${rule}: `));
    expect(invalid.log.some((line) => line.startsWith(`patchbay validate: server violation: ${rule}: `)) || rule === "G-2.18").toBe(true);
  });

  test('G-2.13: repeated headers are joined with ", ", Cookie with "; "', async () => {
    const headers: [string, string][] = [["Accept", "text/html"], ["Accept", "*/*"], ["Cookie", "a=1"], ["Cookie", "b=2"]];
    const valid = await runValidated(textApp("ok"), { headers });
    expect(valid.environ).toMatchObject({ HTTP_ACCEPT: "text/html, */*", HTTP_COOKIE: "a=1; b=2" });
    expect(rulesOf(valid)).toEqual([]);
    expect(valid.warnings).toEqual([]);
    // A Cookie joined the generic way is only detectable heuristically: a warning, never a throw.
    const invalid = await runValidated(textApp("ok"), { headers, environ: { HTTP_COOKIE: "a=1, b=2" } });
    expect(rulesOf(invalid)).toEqual([]);
    expect(invalid.warnings).toEqual([expect.stringMatching(/^G-2\.13: HTTP_COOKIE contains ", "/)]);
    expect(invalid.log).toContainEqual(expect.stringMatching(/^patchbay validate: warning: G-2\.13: /));
  });

  test('G-2.14: header names containing "_" are dropped (not observable in an environ: tested on createEnviron)', async () => {
    const valid = await runValidated(textApp("ok"), { headers: [["X-Forwarded-For", "10.0.0.1"], ["X_Forwarded_For", "1.2.3.4"]] });
    expect(valid.environ.HTTP_X_FORWARDED_FOR).toBe("10.0.0.1");
    expect(rulesOf(valid)).toEqual([]);
    // A server that kept the underscore spelling would let "X_Forwarded_For" overwrite the real header.
    const environ = createEnviron({ method: "GET", target: "/", protocol: "HTTP/1.1", rawHeaders: ["X_Forwarded_For", "1.2.3.4"], remoteAddress: "", remotePort: 0, serverName: "h", serverPort: 80, input: createEmptyInputStream() });
    expect("HTTP_X_FORWARDED_FOR" in environ).toBe(false);
  });

  test("G-2.4: URL reconstruction from the environ gives back the request URL", async () => {
    const result = await callApp(validate(textApp("ok")), { url: "/app/a%20b?x=1", scriptName: "/app", headers: { Host: "example.com:8080" } });
    expect(requestUri(result.environ)).toBe("http://example.com:8080/app/a%20b?x=1");
  });
});
