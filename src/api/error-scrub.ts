import { tmpdir } from 'node:os';

const TEMP = tmpdir();
/** Absolute file paths (POSIX), e.g. a validator's temporary document or a stack frame's source file. */
const ABSOLUTE_PATH = /(?<![\w.])\/(?:[\w.@+-]+\/)+[\w.@+-]+/g;

/**
 * Last line of defence for error texts leaving the API: no internal file names (temporary documents, source
 * files, install paths). Adapters scrub their own messages; this catches whatever a new one forgets.
 */
export function scrubErrorText(message: string): string {
  return message
    .split(TEMP)
    .join('<tmp>')
    .replace(ABSOLUTE_PATH, (p) => (isApiPath(p) ? p : '<file>'));
}

/** Paths that are API or data identifiers, not files: `/api/v1/...`, RFC 8040 error-paths, JSON pointers. */
function isApiPath(p: string): boolean {
  return p.startsWith('/api/') || p.includes(':') || !/\.[A-Za-z]{1,5}$/.test(p);
}
