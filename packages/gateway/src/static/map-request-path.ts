/**
 * Maps the decoded path under a served directory to a relative file path, refusing every shape that could
 * leave the directory. Pure: no file system access, no symlink checks (resolve-resource does those).
 */
import type { DotfilesPolicy } from "./static-options.js";

/** The verdict on a request path. */
export type MappedPath =
  /** A safe relative path ("" for the directory itself); `trailingSlash` asks for a directory. */
  | { readonly kind: "path"; readonly relativePath: string; readonly trailingSlash: boolean }
  /** The path is refused (traversal, NUL, backslash, or a denied dotfile): answer 403. */
  | { readonly kind: "forbidden" }
  /** A dotfile under the "ignore" policy: not a static file, the application gets the request. */
  | { readonly kind: "ignored" };

const FORBIDDEN: MappedPath = { kind: "forbidden" };
const IGNORED: MappedPath = { kind: "ignored" };

/**
 * Maps `path` ("" or starting with "/", already percent-decoded by the server, PEP 3333 PATH_INFO).
 * It is never decoded again, so a literal "%2e%2e" stays a file name and cannot become "..".
 * Refused with 403: any "." or ".." segment (no normalisation, as `send` does: a client has no business
 * sending them), NUL (C APIs would truncate there), and "\" (a separator on Windows; refused everywhere so
 * the rule does not depend on the platform). Repeated "/" collapse, as nginx's merge_slashes does.
 * Dotfile segments follow `dotfiles`; ".well-known" (RFC 8615) is always allowed.
 */
export function mapRequestPath(path: string, dotfiles: DotfilesPolicy): MappedPath {
  if (path.includes("\0") || path.includes("\\")) return FORBIDDEN;
  let relativePath = "";
  let ignored = false;
  let start = 0;
  const length = path.length;
  while (start <= length) {
    let end = path.indexOf("/", start);
    if (end === -1) end = length;
    if (end > start) {
      const segment = path.slice(start, end);
      if (segment.charCodeAt(0) === 46 /* "." */) {
        if (segment === "." || segment === "..") return FORBIDDEN;
        if (dotfiles !== "allow" && segment !== ".well-known") {
          if (dotfiles === "deny") return FORBIDDEN;
          // Keep scanning: a later ".." must still be refused rather than passed to the application as "ignored".
          ignored = true;
        }
      }
      relativePath = relativePath === "" ? segment : `${relativePath}/${segment}`;
    }
    start = end + 1;
  }
  if (ignored) return IGNORED;
  return { kind: "path", relativePath, trailingSlash: path.endsWith("/") };
}
