// Parses a multipart/form-data body (RFC 7578) with busboy into a Form; it reads only the chunks it is given.
import busboy from "busboy";
import type { Busboy, FieldInfo, FileInfo } from "busboy";
import type { Readable } from "node:stream";
import { RouteError } from "./errors.js";
import { Form } from "./form.js";

/** Most parts (fields and files) one multipart body may have; more is a 413. */
export const MAX_MULTIPART_PARTS = 1000;
/** Longest field name in bytes; longer is a 413. */
export const MAX_FIELD_NAME_BYTES = 1024;

function malformed(error: unknown): RouteError {
  const reason = error instanceof Error ? error.message : String(error);
  return new RouteError("ERR_ROUTE_MALFORMED_FORM", `malformed multipart/form-data body: ${reason}`, { cause: error });
}

function tooLarge(what: string, maxBytes: number): RouteError {
  return new RouteError("ERR_ROUTE_BODY_TOO_LARGE", `multipart/form-data body: ${what} (limit ${maxBytes} bytes per value)`);
}

/**
 * Parses `chunks` as multipart/form-data with the boundary from `contentType`. Throws ERR_ROUTE_MALFORMED_FORM
 * (400) for a body busboy cannot parse, ERR_ROUTE_BODY_TOO_LARGE (413) past a limit; errors of `chunks` pass through.
 */
export async function parseMultipart(contentType: string, chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Form> {
  let parser: Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send UTF-8 file names without RFC 5987 encoding; busboy's default would read them as latin-1.
      defParamCharset: "utf8",
      limits: { fieldNameSize: MAX_FIELD_NAME_BYTES, fieldSize: maxBytes, fileSize: maxBytes, parts: MAX_MULTIPART_PARTS },
    });
  } catch (error) {
    throw malformed(error);
  }
  const form = new Form();
  const files: Promise<void>[] = [];
  let failure: RouteError | undefined;
  const fail = (error: RouteError): void => {
    failure ??= error;
  };
  parser.on("field", (name: string, value: string, info: FieldInfo) => {
    if (info.nameTruncated || info.valueTruncated) fail(tooLarge(`field ${JSON.stringify(name)} is too large`, maxBytes));
    else form.append(name, value);
  });
  parser.on("file", (name: string, file: Readable, info: FileInfo) => {
    files.push(
      new Promise<void>((resolve) => {
        const parts: Buffer[] = [];
        file.on("data", (data: Buffer) => parts.push(data));
        file.on("limit", () => fail(tooLarge(`file ${JSON.stringify(info.filename ?? name)} is too large`, maxBytes)));
        file.on("error", (error: Error) => fail(malformed(error)));
        file.on("end", () => form.files.append(name, { filename: info.filename ?? "", type: info.mimeType, bytes: Buffer.concat(parts) }));
        file.on("close", resolve);
      }),
    );
  });
  parser.on("partsLimit", () => fail(tooLarge(`more than ${MAX_MULTIPART_PARTS} parts`, maxBytes)));
  const finished = new Promise<void>((resolve) => {
    parser.on("close", resolve);
    parser.on("error", (error: Error) => {
      fail(malformed(error));
      resolve();
    });
  });
  try {
    for await (const chunk of chunks) {
      if (failure !== undefined) break;
      if (!parser.write(chunk)) await Promise.race([new Promise<void>((resolve) => parser.once("drain", resolve)), finished]);
    }
  } catch (error) {
    parser.destroy();
    throw error;
  }
  if (failure === undefined) {
    parser.end();
    await finished;
    await Promise.all(files);
  }
  if (failure !== undefined) {
    parser.destroy();
    throw failure;
  }
  return form;
}
