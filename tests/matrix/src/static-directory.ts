// Where the static files served beside every matrix app live on disk (tests/matrix/static). No I/O here.
import { fileURLToPath } from "node:url";

/** Absolute path of tests/matrix/static, the directory mounted at STATIC_PREFIX on every server. */
export const STATIC_DIRECTORY: string = fileURLToPath(new URL("../static", import.meta.url));
