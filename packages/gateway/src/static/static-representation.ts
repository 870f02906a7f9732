/**
 * One file on disk as a servable representation, with every response header it needs computed once
 * (per stat, not per request). Pure data building; it never touches the file system.
 */
import type { HeaderList } from "../types.js";
import type { ContentCoding } from "./choose-encoding.js";
import { formatEntityTag } from "./entity-tag.js";

/** What a lookup learnt about one file. */
export interface RepresentationSource {
  /** The file's real path (symlinks resolved and checked to lie inside its directory). */
  filePath: string;
  size: number;
  mtimeMs: number;
  /** Inode number: with size and mtime it tells whether a file changed between two lookups. */
  ino: number;
  /** Media type with charset for text types, e.g. "text/css; charset=utf-8". */
  contentType: string;
  /** The coding of a precompressed sibling; undefined for the file itself. */
  contentCoding: ContentCoding | undefined;
}

/** Header policy shared by every representation of one resource. */
export interface RepresentationPolicy {
  etag: boolean;
  lastModified: boolean;
  /** Cache-Control value, or undefined for none. */
  cacheControl: string | undefined;
  /** Whether the resource has precompressed siblings, so responses vary on Accept-Encoding. */
  varyAcceptEncoding: boolean;
}

/** A servable file with its precomputed headers. */
export interface StaticRepresentation {
  readonly filePath: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly contentType: string;
  readonly contentCoding: ContentCoding | undefined;
  /** "ino:size:mtime", to reuse this object when a later stat shows the same file. */
  readonly fingerprint: string;
  readonly etag: string | undefined;
  /** Last-Modified as epoch ms truncated to whole seconds (HTTP-date precision), or undefined when not sent. */
  readonly lastModifiedMs: number | undefined;
  /** Headers of a 200: Content-Type, Content-Length, Content-Encoding, Accept-Ranges, validators, Cache-Control, Vary. */
  readonly headers: HeaderList;
  /**
   * Headers of a 304 (RFC 9110 §15.4.5: the validators, Cache-Control and Vary a 200 would carry; no
   * Content-Type or Content-Length).
   */
  readonly notModifiedHeaders: HeaderList;
  /** Headers shared by 206 and 416 responses; the caller adds Content-Type, Content-Range and Content-Length. */
  readonly partialHeaders: HeaderList;
  /** The whole file when it sits in the content cache (set and cleared by ContentCache only). */
  bytes: Uint8Array | undefined;
}

/** The fingerprint of a file's identity and version. */
export function fingerprintOf(source: Pick<RepresentationSource, "ino" | "size" | "mtimeMs">): string {
  return `${source.ino}:${source.size}:${source.mtimeMs}`;
}

/** Builds a representation and its header lists from a stat result and the resource's header policy. */
export function createRepresentation(source: RepresentationSource, policy: RepresentationPolicy): StaticRepresentation {
  const etag = policy.etag ? formatEntityTag(source.size, source.mtimeMs, source.contentCoding) : undefined;
  const lastModifiedMs = policy.lastModified ? Math.floor(source.mtimeMs / 1000) * 1000 : undefined;
  const validators: HeaderList = [];
  if (etag !== undefined) validators.push(["ETag", etag]);
  if (lastModifiedMs !== undefined) validators.push(["Last-Modified", new Date(lastModifiedMs).toUTCString()]);
  if (policy.cacheControl !== undefined) validators.push(["Cache-Control", policy.cacheControl]);
  if (policy.varyAcceptEncoding) validators.push(["Vary", "Accept-Encoding"]);
  const coding: HeaderList = source.contentCoding === undefined ? [] : [["Content-Encoding", source.contentCoding]];
  // RFC 9110 §14.3: advertise byte ranges on every full response.
  const partialHeaders: HeaderList = [...coding, ["Accept-Ranges", "bytes"], ...validators];
  return {
    filePath: source.filePath,
    size: source.size,
    mtimeMs: source.mtimeMs,
    contentType: source.contentType,
    contentCoding: source.contentCoding,
    fingerprint: fingerprintOf(source),
    etag,
    lastModifiedMs,
    headers: [["Content-Type", source.contentType], ["Content-Length", String(source.size)], ...partialHeaders],
    notModifiedHeaders: validators,
    partialHeaders,
    bytes: undefined,
  };
}
