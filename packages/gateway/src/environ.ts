/**
 * Builds the per-request environ from what a server parsed (PEP 3333 "environ Variables").
 * Shared by every server so that each one means exactly the same thing by each key. No I/O.
 */
import { GatewayError } from "./errors.js";
import { STDERR_ERROR_STREAM } from "./error-stream.js";
import { fileWrapper } from "./file-wrapper.js";
import { decodePath, splitRequestTarget } from "./request-target.js";
import { GATEWAY_VERSION, type Environ, type ErrorStream, type InputStream } from "./types.js";

/** What a server knows about one request, in transport-neutral form. */
export interface EnvironRequest {
  method: string;
  /** The raw request target from the request line. */
  target: string;
  /** "HTTP/1.0" or "HTTP/1.1". */
  protocol: string;
  /** Flat [name, value, name, value, …] in arrival order, as node's IncomingMessage.rawHeaders. */
  rawHeaders: readonly string[];
  remoteAddress: string;
  remotePort: number;
  serverName: string;
  serverPort: number;
  urlScheme?: "http" | "https";
  input: InputStream;
  /** Default ErrorStream: process.stderr. */
  errors?: ErrorStream;
  multiprocess?: boolean;
  /** Mount point stripped from the path into SCRIPT_NAME (no trailing "/"). Default "". */
  scriptName?: string;
  /** Server-specific or injected keys (--env), copied onto the environ last. */
  extra?: Readonly<Record<string, unknown>>;
}

const environKeyCache = new Map<string, string | null>();

/**
 * The environ key for a header name: CONTENT_TYPE, CONTENT_LENGTH, else HTTP_ + upper-case with "_".
 * null for names containing "_": after mapping they would be indistinguishable from "-" (spoofing guard,
 * as nginx and gunicorn do).
 */
export function environKeyForHeader(name: string): string | null {
  let key = environKeyCache.get(name);
  if (key !== undefined) return key;
  const upper = name.toUpperCase();
  if (upper.includes("_")) key = null;
  else if (upper === "CONTENT-TYPE") key = "CONTENT_TYPE";
  else if (upper === "CONTENT-LENGTH") key = "CONTENT_LENGTH";
  else key = "HTTP_" + upper.replaceAll("-", "_");
  if (environKeyCache.size < 1000) environKeyCache.set(name, key);
  return key;
}

let lastServerPort: number | undefined;
let lastServerPortText = "";

/** Builds the environ; throws a 400 GatewayError when the path cannot be percent-decoded. */
export function createEnviron(request: EnvironRequest): Environ {
  const { path, query } = splitRequestTarget(request.target);
  const decoded = decodePath(path);
  if (decoded === undefined) {
    throw new GatewayError("ERR_GATEWAY_BAD_REQUEST_TARGET", `request target path is not valid percent-encoded UTF-8: ${JSON.stringify(request.target)}`, { status: 400 });
  }
  let scriptName = request.scriptName ?? "";
  let pathInfo = decoded;
  if (scriptName !== "") {
    if (pathInfo === scriptName || pathInfo.startsWith(scriptName + "/")) pathInfo = pathInfo.slice(scriptName.length);
    else scriptName = "";
  }
  // The listener's port is the same for every request: keep its decimal string.
  if (request.serverPort !== lastServerPort) {
    lastServerPort = request.serverPort;
    lastServerPortText = String(request.serverPort);
  }
  const environ: Environ = {
    REQUEST_METHOD: request.method,
    SCRIPT_NAME: scriptName,
    PATH_INFO: pathInfo,
    QUERY_STRING: query,
    SERVER_NAME: request.serverName,
    SERVER_PORT: lastServerPortText,
    SERVER_PROTOCOL: request.protocol,
    REMOTE_ADDR: request.remoteAddress,
    REMOTE_PORT: String(request.remotePort),
    REQUEST_URI: request.target,
    "gateway.version": GATEWAY_VERSION,
    "gateway.url_scheme": request.urlScheme ?? "http",
    "gateway.input": request.input,
    "gateway.errors": request.errors ?? STDERR_ERROR_STREAM,
    "gateway.multithread": false,
    "gateway.multiprocess": request.multiprocess ?? false,
    "gateway.run_once": false,
    "gateway.file_wrapper": fileWrapper,
  };
  const rawHeaders = request.rawHeaders;
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const key = environKeyForHeader(rawHeaders[index] as string);
    if (key === null) continue;
    const value = rawHeaders[index + 1] as string;
    const previous = environ[key] as string | undefined;
    // RFC 9110 §5.3: repeated fields combine with ", "; Cookie is the exception (RFC 6265 §5.4: "; ").
    environ[key] = previous === undefined ? value : previous + (key === "HTTP_COOKIE" ? "; " : ", ") + value;
  }
  if (request.extra !== undefined) Object.assign(environ, request.extra);
  return environ;
}
