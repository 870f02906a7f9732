// The chain-socket example's own error: a configuration it refuses to start with. Nothing else.
import { GatewayError } from "@patchbay/gateway";

/** Codes of the chain-socket example. */
export type SiteErrorCode = "ERR_SITE_WEAK_SECRET" | "ERR_SITE_INVALID_OPTION";

/** A site option that cannot be used (thrown when the app is built, never per request). */
export class SiteError extends GatewayError<SiteErrorCode> {}
