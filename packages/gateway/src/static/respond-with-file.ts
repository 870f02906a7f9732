/**
 * Answers a GET or HEAD for a resolved file: picks the representation, applies preconditions and ranges,
 * and returns the body. No file-system lookups (only the file wrapper opens the chosen file) and no routing.
 */
import { fileWrapper as defaultFileWrapper } from "../file-wrapper.js";
import type { Body, Environ, FileWrapper, HeaderList, StartResponse } from "../types.js";
import { chooseEncoding } from "./choose-encoding.js";
import { evaluatePreconditions } from "./evaluate-preconditions.js";
import { createMultipartRanges } from "./multipart-ranges-body.js";
import type { StaticResource } from "./resolve-resource.js";
import { respondWithStatus } from "./respond-with-status.js";
import { selectByteRanges, type ByteRange } from "./select-byte-ranges.js";
import type { StaticRepresentation } from "./static-representation.js";

const STATUS_OK = "200 OK";
const STATUS_PARTIAL = "206 Partial Content";
const STATUS_NOT_MODIFIED = "304 Not Modified";

/** The body of every response without content (HEAD, 304): shared, never written to. */
const EMPTY_BODY: Body = Object.freeze([]) as readonly never[] as Body;

function selectRepresentation(environ: Environ, resource: StaticResource): StaticRepresentation {
  if (resource.variants.length === 0) return resource.identity;
  const acceptEncoding = environ.HTTP_ACCEPT_ENCODING;
  if (acceptEncoding === undefined) return resource.identity;
  if (acceptEncoding === resource.negotiatedFor) return resource.negotiated;
  const coding = chooseEncoding(acceptEncoding, resource.codings);
  const representation = coding === undefined ? resource.identity : (resource.variants[resource.codings.indexOf(coding)] ?? resource.identity);
  resource.negotiatedFor = acceptEncoding;
  resource.negotiated = representation;
  return representation;
}

function fileWrapperOf(environ: Environ): FileWrapper {
  // The server's wrapper is its fast path (e.g. sendfile); any environ without one gets the gateway's.
  const wrapper = environ["gateway.file_wrapper"] as FileWrapper | undefined;
  return typeof wrapper === "function" ? wrapper : defaultFileWrapper;
}

function sendRange(environ: Environ, startResponse: StartResponse, representation: StaticRepresentation, range: ByteRange): Body {
  const headers: HeaderList = [
    ...representation.partialHeaders,
    ["Content-Type", representation.contentType],
    ["Content-Range", `bytes ${range.start}-${range.end}/${representation.size}`],
    ["Content-Length", String(range.end - range.start + 1)],
  ];
  startResponse(STATUS_PARTIAL, headers);
  const bytes = representation.bytes;
  if (bytes !== undefined) return [bytes.subarray(range.start, range.end + 1)];
  return fileWrapperOf(environ)(representation.filePath, { start: range.start, end: range.end });
}

function sendRanges(environ: Environ, startResponse: StartResponse, representation: StaticRepresentation, ranges: readonly ByteRange[]): Body {
  const wrapper = fileWrapperOf(environ);
  const source = representation.bytes ?? ((start: number, end: number) => wrapper(representation.filePath, { start, end }));
  const multipart = createMultipartRanges(ranges, representation.size, representation.contentType, source);
  startResponse(STATUS_PARTIAL, [...representation.partialHeaders, ["Content-Type", multipart.contentType], ["Content-Length", String(multipart.length)]]);
  return multipart.body;
}

/**
 * Responds with `resource` to a GET or HEAD. Order (RFC 9110 §13.2.2): choose the representation by
 * Accept-Encoding; If-Match / If-Unmodified-Since → 412; If-None-Match / If-Modified-Since → 304; for GET
 * only, Range (with If-Range) → 206 single part or multipart/byteranges, or 416 with
 * "Content-Range: bytes *\/size" (§15.5.17); otherwise 200. HEAD gets the 200 head and an empty body.
 * A file in the content cache is returned as a one-element array (one write, Content-Length known);
 * a larger one as the environ's `gateway.file_wrapper` body, which streams with backpressure.
 */
export function respondWithFile(environ: Environ, startResponse: StartResponse, resource: StaticResource, isHead: boolean): Body {
  const representation = selectRepresentation(environ, resource);
  const precondition = evaluatePreconditions(environ, representation);
  if (precondition === 304) {
    startResponse(STATUS_NOT_MODIFIED, representation.notModifiedHeaders);
    return EMPTY_BODY;
  }
  if (precondition === 412) return respondWithStatus(startResponse, 412, representation.notModifiedHeaders);
  if (isHead) {
    startResponse(STATUS_OK, representation.headers);
    return EMPTY_BODY;
  }
  const range = environ.HTTP_RANGE;
  if (range !== undefined) {
    const selection = selectByteRanges(range, environ.HTTP_IF_RANGE, representation.size, representation);
    if (selection === "unsatisfiable") {
      // The 416 body is our text, not the file: no Content-Encoding, whichever representation was chosen.
      return respondWithStatus(startResponse, 416, [["Accept-Ranges", "bytes"], ...representation.notModifiedHeaders, ["Content-Range", `bytes */${representation.size}`]]);
    }
    if (selection !== undefined) {
      return selection.length === 1
        ? sendRange(environ, startResponse, representation, selection[0] as ByteRange)
        : sendRanges(environ, startResponse, representation, selection);
    }
  }
  startResponse(STATUS_OK, representation.headers);
  const bytes = representation.bytes;
  if (bytes !== undefined) return [bytes];
  // The last byte is given: the read stops at Content-Length (no extra read to find end of file), and a
  // file that grew since its stat cannot push the body past the Content-Length already sent.
  // An empty file has no last byte: it is wrapped whole.
  const wrapper = fileWrapperOf(environ);
  return representation.size === 0 ? wrapper(representation.filePath) : wrapper(representation.filePath, { start: 0, end: representation.size - 1 });
}
