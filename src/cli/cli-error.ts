import { DomainError } from '../core/errors';

/** One line a person can act on: which file, which line or element, what is wrong. */
export function formatCliError(err: unknown): string {
  if (err instanceof DomainError) return `autonet: error [${err.code}]: ${err.message}`;
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `autonet: error: ${err.message.replace(/^ENOENT: /, '')}`;
    return `autonet: error: ${err.message}`;
  }
  return `autonet: error: ${String(err)}`;
}

/** A mistake in how the command was called (bad option value, missing file argument). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
