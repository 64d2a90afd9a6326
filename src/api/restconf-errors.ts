import type { YangError } from '../ports/yang-validator.port';

/** RFC 8040 §7.1 `ietf-restconf:errors` body (JSON encoding, RFC 7951 member names). */
export interface RestconfErrorsBody {
  readonly 'ietf-restconf:errors': {
    readonly error: readonly RestconfError[];
  };
}

export interface RestconfError {
  readonly 'error-type': YangError['errorType'];
  readonly 'error-tag': string;
  readonly 'error-app-tag'?: string;
  readonly 'error-path'?: string;
  readonly 'error-message': string;
}

/**
 * Builds the RFC 8040 error body from validator (or API) errors. Optional members are omitted when absent;
 * an empty list still yields a well-formed body with one generic `operation-failed` error, because RFC 8040
 * requires at least one `error` entry in an error response.
 */
export function toRestconfErrors(errors: readonly YangError[]): RestconfErrorsBody {
  const list = errors.length > 0 ? errors : [GENERIC];
  return { 'ietf-restconf:errors': { error: list.map(toRestconfError) } };
}

const GENERIC: YangError = {
  errorType: 'application',
  errorTag: 'operation-failed',
  errorMessage: 'request failed',
};

function toRestconfError(e: YangError): RestconfError {
  return {
    'error-type': e.errorType,
    'error-tag': e.errorTag,
    ...(e.errorAppTag !== undefined ? { 'error-app-tag': e.errorAppTag } : {}),
    ...(e.errorPath !== undefined ? { 'error-path': e.errorPath } : {}),
    'error-message': e.errorMessage,
  };
}

/**
 * RFC 8040 §7 mapping of error-tag to HTTP status, for callers that hold only YangErrors. The API's own
 * filter may override (e.g. 422 for infeasible intents, 413 for oversized bodies).
 */
export function restconfStatus(errors: readonly YangError[]): number {
  const tag = errors[0]?.errorTag;
  switch (tag) {
    case 'in-use':
    case 'lock-denied':
    case 'resource-denied':
    case 'data-exists':
    case 'data-missing':
      return 409;
    case 'access-denied':
      return 403;
    case 'too-big':
      return 413;
    case 'operation-not-supported':
      return 501;
    case 'operation-failed':
    case 'rollback-failed':
    case 'partial-operation':
      return errors[0]?.errorAppTag !== undefined ? 400 : 500;
    case undefined:
    default:
      return 400;
  }
}
