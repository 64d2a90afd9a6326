import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A stand-in `yanglint` for the specs: a shell script, so it starts fast even on a loaded machine. */
export interface FakeYanglint {
  /** Path of the executable. */
  readonly executable: string;
  /** A folder to use as the child's HOME. */
  readonly home: string;
  readonly remove: () => void;
}

/**
 * Writes a fake yanglint that is silent for `startDelayMs` (as the real one is while it starts and loads its
 * modules), then answers every `feature <sentinel>` as yanglint does and accepts every other command without
 * complaint, except `hang`, after which it never answers again.
 */
export function fakeYanglint(startDelayMs: number): FakeYanglint {
  const home = mkdtempSync(join(tmpdir(), 'autonet-fake-yanglint-'));
  const executable = join(home, 'yanglint');
  writeFileSync(
    executable,
    [
      '#!/bin/sh',
      // detached from the pipes, so that killing the shell closes them at once
      `sleep ${startDelayMs / 1000} </dev/null >/dev/null 2>&1`,
      'while IFS= read -r line; do',
      '  case "$line" in',
      `    "feature "*) printf 'YANGLINT[E]: Module "%s" not found.\\n' "\${line#feature }" >&2 ;;`,
      '    hang) exec sleep 60 ;;',
      '  esac',
      'done',
      '',
    ].join('\n'),
  );
  chmodSync(executable, 0o755);
  return { executable, home, remove: () => rmSync(home, { recursive: true, force: true }) };
}
