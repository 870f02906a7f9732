// Programming errors of framework-resources (bad templates, bad routes, bad responses); never a client's fault.
import { GatewayError } from "@patchbay/gateway";
import type { GatewayErrorOptions } from "@patchbay/gateway";

/** Every code a ResourceError carries. Retired codes are never reused. */
export type ResourceErrorCode =
  | "ERR_RESOURCE_INVALID_TEMPLATE"
  | "ERR_RESOURCE_UNKNOWN_CONVERTER"
  | "ERR_RESOURCE_INVALID_CONVERTER_OPTION"
  | "ERR_RESOURCE_DUPLICATE_ROUTE"
  | "ERR_RESOURCE_NO_RESPONDERS"
  | "ERR_RESOURCE_INVALID_MEDIA_TYPE"
  | "ERR_RESOURCE_NO_MEDIA_HANDLER"
  | "ERR_RESOURCE_UNSERIALIZABLE_MEDIA"
  | "ERR_RESOURCE_INVALID_HEADER"
  | "ERR_RESOURCE_INVALID_STATUS"
  | "ERR_RESOURCE_INVALID_OPTION";

/**
 * An error in how the application was put together or in what a responder produced. Raised at
 * `addRoute` time for templates and resources (so mistakes fail at startup), and at request time for a
 * response that cannot be rendered (status 500).
 */
export class ResourceError extends GatewayError<ResourceErrorCode> {
  /** Creates a ResourceError; `options.status` is set only where the error reaches a client. */
  constructor(code: ResourceErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(code, message, options);
  }
}
