import type { YangError } from '../ports/yang-validator.port';

/** An API-level failure already expressed as RFC 8040 errors (YANG validation, request shape). */
export class RestconfException extends Error {
  override readonly name = 'RestconfException';
  constructor(
    readonly status: number,
    readonly errors: readonly YangError[],
  ) {
    super(errors.map((e) => e.errorMessage).join('; '));
  }
}
