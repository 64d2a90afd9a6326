import * as errors from '../../core/errors';
import { DomainError } from '../../core/errors';

/** A DomainError as it crosses a thread boundary (structured clone keeps neither its class nor its fields). */
export interface EncodedDomainError {
  readonly name: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

export function encodeDomainError(e: unknown): EncodedDomainError | undefined {
  if (!(e instanceof DomainError)) return undefined;
  return { name: e.name, message: e.message, fields: { ...e } };
}

/** The same error class with the same code, fields and message (a plain Error if the class is unknown). */
export function decodeDomainError(x: EncodedDomainError): Error {
  const ctor = (errors as Record<string, unknown>)[x.name];
  if (typeof ctor !== 'function' || !(ctor.prototype instanceof DomainError)) return new Error(x.message);
  const e = Object.create(ctor.prototype) as DomainError;
  Object.assign(e, x.fields);
  Object.defineProperty(e, 'message', { value: x.message, writable: true, configurable: true });
  return e;
}
