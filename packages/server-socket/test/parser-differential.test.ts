// Differential test: the corpus through node's own parser (llhttp behind node:http, strict defaults) vs ours.
import { createServer } from "node:http";
import type { Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus, replay, splitWhole } from "./parser-corpus.js";
import type { ReplayOutcome } from "./parser-corpus.js";

/**
 * Longest wait for node's verdict on one case. Only cases where node keeps waiting for body bytes (three listed
 * disagreements) wait this long; every other case settles on node's first event.
 */
const SETTLE_TIMEOUT_MS = 1000;

/**
 * Every case where node:http and our parser disagree on accept/reject (or on how many requests complete), with the
 * reason. The test fails on a disagreement missing here, and on an entry here that no longer disagrees.
 */
const KNOWN_DISAGREEMENTS: Record<string, string> = {
  // We are stricter than llhttp.
  "invalid/004-lf-only-leading-line":
    "llhttp skips any CR or LF before a request line; we accept only CRLF pairs there (RFC 9112 §2.2) and reject LF-only line ends everywhere, since LF/CRLF disagreements are a smuggling vector",
  "invalid/008-double-space-request-line":
    "llhttp accepts repeated SP between request-line parts; RFC 9112 §3 says single SP and lets a recipient reject otherwise, and whitespace games in the request line are how request-line confusion starts",
  "invalid/010-http09-request":
    "llhttp parses a version-less 'GET /' as an HTTP/0.9 request; we implement HTTP/1.0 and 1.1 only (RFC 9112 §3 requires HTTP-version)",
  "invalid/012-http2-version":
    "llhttp accepts any single-digit major version in HTTP/1 framing; we answer 505 for anything but 1.0 and 1.1 (RFC 9110 §15.6.6)",
  "invalid/018-asterisk-form-with-get": "llhttp accepts '*' with any method; RFC 9112 §3.2.4 allows asterisk-form only for OPTIONS",
  "invalid/021-absolute-form-empty-authority":
    "llhttp accepts 'http:///x'; RFC 9110 §4.2.1 says a recipient MUST reject an http URI with an empty host as invalid",
  "invalid/037-duplicate-host": "node does not check Host repetition; RFC 9112 §3.2 requires a 400 for more than one Host line",
  "invalid/038-invalid-host": "node does not validate the Host value; RFC 9112 §3.2 requires a 400 for an invalid Host field value",
  "invalid/048-content-length-overflow":
    "llhttp keeps Content-Length in a uint64 and waits for 2^53 bytes; we refuse lengths past Number.MAX_SAFE_INTEGER, where JS numbers stop being exact",
  "invalid/056-te-on-http10":
    "llhttp decodes chunked on HTTP/1.0; RFC 9112 §6.1 says a Transfer-Encoding on HTTP/1.0 MUST be treated as faulty framing",
  "invalid/058-te-empty":
    "llhttp ignores an empty Transfer-Encoding (and then frames by Content-Length if present); we reject it: a present but empty TE is read differently by different parsers",
  "invalid/059-te-gzip-chunked":
    "node passes gzip-coded bytes to the application as the body; we do not decode codings other than chunked and answer 501 (RFC 9112 §6.1 SHOULD)",
  "invalid/064-chunk-size-overflow":
    "llhttp keeps chunk sizes in a uint64 and waits for the data; we refuse sizes past Number.MAX_SAFE_INTEGER",
  "invalid/069-chunk-extension-malformed": "llhttp accepts a chunk extension without a name (';=x'); RFC 9112 §7.1.1 requires chunk-ext-name = token",
  // Limits lowered for this case (node keeps its defaults: 16 KiB head, no body or trailer-count limit, 16 KiB of extensions).
  "invalid/022-request-line-too-long": "the case sets maxRequestLineBytes 32; node has no request-line limit of its own",
  "invalid/039-too-many-fields": "the case sets maxHeaderCount 3; node's maxHeadersCount truncates rawHeaders instead of rejecting",
  "invalid/040-header-section-too-large": "the case sets maxHeaderBytes 24; node's limit is 16 KiB",
  "invalid/049-content-length-over-limit": "the case sets maxBodyBytes 10; node has no body limit (it waits for the body)",
  "invalid/071-chunk-extension-too-large": "the case sets maxChunkExtensionBytes 32; node's limit is 16 KiB",
  "invalid/072-chunked-body-too-large": "the case sets maxBodyBytes 8; node has no body limit",
  "invalid/077-trailers-too-large": "the case sets maxHeaderBytes 64; node's limit is 16 KiB",
  "invalid/078-too-many-trailers": "the case sets maxHeaderCount 2; node does not count trailer fields",
  // We accept what llhttp rejects, each on an explicit RFC allowance.
  "valid/015-unregistered-method":
    "llhttp only knows a fixed list of method names; RFC 9110 §9.1 makes any token a method, and the application decides (501/405)",
  "valid/021-content-length-identical-list":
    "llhttp rejects any Content-Length list; RFC 9110 §8.6 allows accepting a list whose values are all identical",
  "valid/022-content-length-identical-lines":
    "llhttp rejects a repeated Content-Length line; repeated lines are one list (RFC 9110 §5.3), identical values allowed (§8.6)",
  "valid/026-transfer-encoding-tab-ows":
    "llhttp rejects a trailing HTAB after 'chunked' (but accepts a trailing SP); HTAB is OWS (RFC 9110 §5.6.3), so both are trimmed",
  "valid/028-raw-utf8-target":
    "llhttp rejects bytes >= 0x80 in the target; we pass raw UTF-8 paths through as bytes (clients such as curl send them) and the gateway decodes them",
  "valid/034-chunk-extension-bws": "llhttp rejects whitespace in chunk extensions; RFC 9112 §7.1.1 allows BWS around ';' and '='",
};

interface NodeVerdict {
  completed: number;
  /** node's error code (HPE_*), "CONNECT" when node hands the request to its 'connect' event, or undefined. */
  error: string | undefined;
}

interface ConnectionRecord extends NodeVerdict {
  changed: () => void;
}

let server: Server;
let port = 0;
/** Records are attached to node's server-side socket, so a late event of a closed connection never leaks into a new one. */
const recordsBySocket = new WeakMap<Socket, ConnectionRecord>();
const recordsByPort = new Map<number, ConnectionRecord>();

function recordOf(socket: Socket): ConnectionRecord {
  return recordsBySocket.get(socket) ?? { completed: 0, error: undefined, changed: () => {} };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const record = recordOf(request.socket);
    request.on("data", () => {});
    request.on("end", () => {
      record.completed++;
      record.changed();
      response.end("ok");
    });
  });
  server.on("connection", (socket: Socket) => {
    const record: ConnectionRecord = { completed: 0, error: undefined, changed: () => {} };
    recordsBySocket.set(socket, record);
    recordsByPort.set(socket.remotePort ?? -1, record);
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    const record = recordOf(socket);
    record.error = error.code ?? "clientError";
    record.changed();
    socket.destroy();
  });
  server.on("connect", (_request, socket: Socket) => {
    const record = recordOf(socket);
    record.error = "CONNECT";
    record.changed();
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends the raw bytes on a fresh connection and waits until node has decided as much as it will. */
async function judgeWithNode(bytes: Buffer, settleAt: number, endAfterWrite: boolean): Promise<NodeVerdict> {
  const socket = connect(port, "127.0.0.1");
  socket.on("error", () => {});
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  const localPort = socket.localPort ?? -1;
  // The server's 'connection' event may come a turn after the client's 'connect'.
  for (let turn = 0; turn < 1000 && !recordsByPort.has(localPort); turn++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const record = recordsByPort.get(localPort);
  if (record === undefined) throw new Error("node:http never saw the connection");
  recordsByPort.delete(localPort);
  let errorStatus: string | undefined;
  let received = "";
  await new Promise<void>((resolve) => {
    const timer = setTimeout(finish, SETTLE_TIMEOUT_MS);
    function finish(): void {
      clearTimeout(timer);
      resolve();
    }
    record.changed = () => {
      if (record.error !== undefined || errorStatus !== undefined || record.completed >= settleAt) finish();
    };
    // node answers some requests itself (e.g. 400 for a missing Host) without a 'clientError' event.
    socket.on("data", (data: Buffer) => {
      received += data.toString("latin1");
      for (const match of received.matchAll(/HTTP\/1\.[01] (\d{3})/g)) {
        if (Number(match[1]) >= 400) errorStatus ??= `status ${match[1]}`;
      }
      record.changed();
    });
    socket.once("close", finish);
    socket.write(bytes);
    if (endAfterWrite) socket.end();
  });
  socket.destroy();
  return { completed: record.completed, error: record.error ?? errorStatus };
}

function describeOurs(outcome: ReplayOutcome): string {
  if (outcome.error !== undefined) return `reject ${outcome.error.code}`;
  return outcome.incomplete ? `incomplete at EOF after ${outcome.requests.length}` : `accept ${outcome.requests.length}`;
}

describe("differential: node:http (llhttp) vs RequestParser", () => {
  const corpus = loadCorpus();

  it.each(corpus.map((entry) => [entry.name, entry] as const))("%s", async (name, entry) => {
    const ours = replay(splitWhole(entry.bytes), entry.limits);
    // A stream that ends inside a request is a failure at EOF for both parsers: send EOF to get node's verdict.
    const oursRejects = ours.error !== undefined || ours.incomplete;
    // Settle as soon as node completes one request more than we accept (a disagreement) or errors.
    const node = await judgeWithNode(entry.bytes, ours.requests.length + (oursRejects ? 1 : 0), ours.incomplete);
    const nodeRejects = node.error !== undefined;
    const agree = oursRejects === nodeRejects && (oursRejects || ours.requests.length === node.completed);
    const summary = `ours: ${describeOurs(ours)}; node: ${nodeRejects ? `reject ${node.error}` : `accept ${node.completed}`}`;
    const reason = KNOWN_DISAGREEMENTS[name];
    let verdict = "as listed";
    if (reason === undefined && !agree) verdict = `unexplained disagreement on ${name}: ${summary}`;
    if (reason !== undefined && agree) verdict = `${name} is listed as a disagreement ("${reason}") but both now agree: ${summary}`;
    expect(verdict).toBe("as listed");
  });

  it("lists no disagreement for a case that does not exist", () => {
    const names = new Set(corpus.map((entry) => entry.name));
    expect(Object.keys(KNOWN_DISAGREEMENTS).filter((name) => !names.has(name))).toEqual([]);
  });
});
