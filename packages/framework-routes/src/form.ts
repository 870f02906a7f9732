// The parsed form of a request: text fields and uploaded files; it holds data and never parses.
import { MultiDict } from "./multi-dict.js";

/** One uploaded file of a multipart/form-data body, held in memory (bounded by the app's maxBodyBytes). */
export interface UploadedFile {
  /** The client's file name (directory parts removed), possibly "". */
  readonly filename: string;
  /** The part's media type, e.g. "image/png" (RFC 7578 §4.4 default "text/plain"). */
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** A form body: text fields via get/getAll, and uploaded files under `files`. */
export class Form extends MultiDict<string> {
  /** Uploaded files by field name (multipart/form-data only). */
  readonly files: MultiDict<UploadedFile> = new MultiDict<UploadedFile>();
}
