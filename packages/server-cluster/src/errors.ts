/** server-cluster's error class and codes: bad cluster options, workers that cannot boot. No I/O. */
import { GatewayError, type GatewayErrorOptions } from "@patchbay/gateway";

/** Every code server-cluster raises. Retired codes are never reused. */
export type ClusterErrorCode =
  /** A cluster option has a wrong type or value (workers, timeout, max-requests, stats address). */
  | "ERR_CLUSTER_INVALID_OPTION"
  /** The application could not be loaded or served before any worker ever listened (exit code 3). */
  | "ERR_CLUSTER_BOOT_FAILED"
  /** `--engine socket` was asked for but @patchbay/server-socket does not export createServer. */
  | "ERR_CLUSTER_ENGINE_UNAVAILABLE"
  /** startCluster was called in a worker process, or the stats server could not listen. */
  | "ERR_CLUSTER_INVALID_STATE";

/**
 * An error raised by server-cluster. Its message is one line meant for a person at a terminal; the bin
 * prints it as `patchbay-cluster: error: <message>`.
 */
export class ClusterError extends GatewayError<ClusterErrorCode> {
  constructor(code: ClusterErrorCode, message: string, options?: GatewayErrorOptions) {
    super(code, message, options);
  }
}
