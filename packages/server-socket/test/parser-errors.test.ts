// Parse-error codes: naming, statuses, the value shape and the throwable SocketError.
import { GatewayError, statusOfError } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { PARSE_ERROR_STATUS, SocketError, createParseError } from "../src/errors.js";
import type { ParseErrorCode } from "../src/errors.js";

const codes = Object.keys(PARSE_ERROR_STATUS) as ParseErrorCode[];

describe("parse error codes", () => {
  it("are ERR_SOCKET_<PROBLEM> names with a 4xx/5xx status the RFCs give them", () => {
    expect(codes.filter((code) => !/^ERR_SOCKET_[A-Z0-9_]+$/.test(code))).toEqual([]);
    expect(new Set(Object.values(PARSE_ERROR_STATUS))).toEqual(new Set([400, 413, 414, 431, 501, 505]));
  });

  it("build error values carrying the status of their code", () => {
    expect(createParseError("ERR_SOCKET_HEAD_TOO_LARGE", "header section too large")).toEqual({
      kind: "error",
      code: "ERR_SOCKET_HEAD_TOO_LARGE",
      status: 431,
      message: "header section too large",
    });
  });

  it.each(codes)("%s turns into a SocketError with the same code and status", (code) => {
    const error = SocketError.fromParseError(createParseError(code, "reason"));
    expect(GatewayError.isGatewayError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("SocketError");
    expect(error.code).toBe(code);
    expect(error.message).toBe("reason");
    expect(statusOfError(error)).toBe(PARSE_ERROR_STATUS[code]);
  });
});
