/** Splits a raw request target into path and query, and percent-decodes the path (RFC 9112 §3.2). No I/O. */

/** The path and query of a request target. */
export interface SplitTarget {
  /** Raw (still percent-encoded) path. */
  path: string;
  /** Query string without "?", possibly "". */
  query: string;
}

/** Splits origin-form, absolute-form ("http://host/p?q") and asterisk-form ("*") targets. */
export function splitRequestTarget(target: string): SplitTarget {
  let start = 0;
  if (target.charCodeAt(0) !== 47 /* "/" */ && target !== "*") {
    // absolute-form (RFC 9112 §3.2.2): skip "scheme://authority".
    const schemeEnd = target.indexOf("://");
    if (schemeEnd !== -1) {
      const pathStart = target.indexOf("/", schemeEnd + 3);
      const queryStart = target.indexOf("?", schemeEnd + 3);
      start = pathStart === -1 || (queryStart !== -1 && queryStart < pathStart) ? -1 : pathStart;
      if (start === -1) {
        return { path: "/", query: queryStart === -1 ? "" : target.slice(queryStart + 1) };
      }
    }
  }
  const queryStart = target.indexOf("?", start);
  if (queryStart === -1) return { path: start === 0 ? target : target.slice(start), query: "" };
  return { path: target.slice(start, queryStart), query: target.slice(queryStart + 1) };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/** True when the path holds a "%" or a non-ASCII character; a loop beats a regex call on short paths. */
function needsDecoding(path: string): boolean {
  for (let index = 0; index < path.length; index++) {
    const code = path.charCodeAt(index);
    if (code === 37 /* "%" */ || code >= 0x80) return true;
  }
  return false;
}

/**
 * Percent-decodes a path and decodes the bytes as UTF-8. Characters U+0080..U+00FF stand for the raw
 * bytes of the request line (node and our parser read it as latin-1).
 * Returns undefined for a malformed escape or invalid UTF-8 (the server answers 400).
 */
export function decodePath(path: string): string | undefined {
  if (!needsDecoding(path)) return path;
  const bytes = new Uint8Array(path.length * 3);
  let length = 0;
  for (let index = 0; index < path.length; index++) {
    const code = path.charCodeAt(index);
    if (code === 37 /* "%" */) {
      const high = hexValue(path.charCodeAt(index + 1));
      const low = hexValue(path.charCodeAt(index + 2));
      if (high < 0 || low < 0) return undefined;
      bytes[length++] = (high << 4) | low;
      index += 2;
    } else if (code <= 0xff) {
      bytes[length++] = code;
    } else {
      const encoded = Buffer.from(path[index] ?? "", "utf8");
      bytes.set(encoded, length);
      length += encoded.length;
    }
  }
  try {
    return utf8.decode(bytes.subarray(0, length));
  } catch {
    return undefined;
  }
}
