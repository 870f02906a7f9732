// The matrix package's own errors: setup mistakes in its tables and helpers (never an HTTP answer).
import { GatewayError } from "@patchbay/gateway";

/** Every code the matrix raises. */
export type MatrixErrorCode = "ERR_MATRIX_INVALID_OPTION" | "ERR_MATRIX_SERVER_START" | "ERR_MATRIX_RAW_RESPONSE";

/** An error of the matrix harness (a bad mount prefix, a server that would not start, an unparsable raw response). */
export class MatrixError extends GatewayError<MatrixErrorCode> {}
