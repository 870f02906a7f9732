// The HTTPError subclasses, one per status a resource commonly answers with; data only, no rendering.
import { HTTPError } from "./http-error.js";
import type { HTTPErrorOptions } from "./http-error.js";

/** Options of a subclass: everything but the code, which the subclass fixes. */
export type HTTPErrorSubclassOptions = Omit<HTTPErrorOptions, "code">;

/** 400: the request is malformed (bad JSON, bad query value). RFC 9110 §15.5.1. */
export class HTTPBadRequest extends HTTPError {
  /** Creates a 400 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(400, { ...options, code: "ERR_RESOURCE_BAD_REQUEST" });
  }
}

/** 401: credentials are missing or wrong; pass a WWW-Authenticate header (RFC 9110 §15.5.2 requires one). */
export class HTTPUnauthorized extends HTTPError {
  /** Creates a 401 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(401, { ...options, code: "ERR_RESOURCE_UNAUTHORIZED" });
  }
}

/** 403: the client is known but not allowed. RFC 9110 §15.5.4. */
export class HTTPForbidden extends HTTPError {
  /** Creates a 403 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(403, { ...options, code: "ERR_RESOURCE_FORBIDDEN" });
  }
}

/** 404: no route matches, or the resource says the item does not exist. RFC 9110 §15.5.5. */
export class HTTPNotFound extends HTTPError {
  /** Creates a 404 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(404, { ...options, code: "ERR_RESOURCE_NOT_FOUND" });
  }
}

/** 405: the resource has no responder for the method; carries the Allow header (RFC 9110 §15.5.6 requires it). */
export class HTTPMethodNotAllowed extends HTTPError {
  /** The methods the resource does support, as sent in Allow. */
  readonly allowedMethods: readonly string[];

  /** Creates a 405 error whose Allow header lists `allowedMethods`. */
  constructor(allowedMethods: readonly string[], options: HTTPErrorSubclassOptions = {}) {
    super(405, { ...options, code: "ERR_RESOURCE_METHOD_NOT_ALLOWED", headers: [["Allow", allowedMethods.join(", ")], ...(options.headers ?? [])] });
    this.allowedMethods = allowedMethods;
  }
}

/** 406: the response's media cannot be rendered in any type the Accept header allows. RFC 9110 §15.5.7. */
export class HTTPNotAcceptable extends HTTPError {
  /** Creates a 406 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(406, { ...options, code: "ERR_RESOURCE_NOT_ACCEPTABLE" });
  }
}

/** 409: the request conflicts with the resource's current state. RFC 9110 §15.5.10. */
export class HTTPConflict extends HTTPError {
  /** Creates a 409 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(409, { ...options, code: "ERR_RESOURCE_CONFLICT" });
  }
}

/** 410: the item existed and is gone for good. RFC 9110 §15.5.11. */
export class HTTPGone extends HTTPError {
  /** Creates a 410 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(410, { ...options, code: "ERR_RESOURCE_GONE" });
  }
}

/** 413: the request body is larger than the app's limit (RFC 9110 §15.5.14, "Content Too Large"). */
export class HTTPPayloadTooLarge extends HTTPError {
  /** Creates a 413 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(413, { ...options, code: "ERR_RESOURCE_PAYLOAD_TOO_LARGE" });
  }
}

/** 415: no media handler reads the request's Content-Type. RFC 9110 §15.5.16. */
export class HTTPUnsupportedMediaType extends HTTPError {
  /** Creates a 415 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(415, { ...options, code: "ERR_RESOURCE_UNSUPPORTED_MEDIA_TYPE" });
  }
}

/** 422: the body parses but its content is invalid (failed validation). RFC 9110 §15.5.21. */
export class HTTPUnprocessableEntity extends HTTPError {
  /** Creates a 422 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(422, { ...options, code: "ERR_RESOURCE_UNPROCESSABLE_CONTENT" });
  }
}

/** 429: rate limited; pass a Retry-After header. RFC 6585 §4. */
export class HTTPTooManyRequests extends HTTPError {
  /** Creates a 429 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(429, { ...options, code: "ERR_RESOURCE_TOO_MANY_REQUESTS" });
  }
}

/** 500: an unexpected failure; the app also sends this for any non-HTTPError thrown, with no detail. */
export class HTTPInternalServerError extends HTTPError {
  /** Creates a 500 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(500, { ...options, code: "ERR_RESOURCE_INTERNAL" });
  }
}

/** 503: temporarily unable to serve; pass a Retry-After header. RFC 9110 §15.6.4. */
export class HTTPServiceUnavailable extends HTTPError {
  /** Creates a 503 error. */
  constructor(options: HTTPErrorSubclassOptions = {}) {
    super(503, { ...options, code: "ERR_RESOURCE_SERVICE_UNAVAILABLE" });
  }
}
