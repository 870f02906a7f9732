// The stdout line dispatch-runner prints for the bench to read; a constant only.

/** Marker of the result line: `DISPATCH_RESULT {"app":"routes","runs":[ops/s,…]}`. */
export const DISPATCH_RESULT_MARKER = "DISPATCH_RESULT ";
