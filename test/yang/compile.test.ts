import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { yangFiles, yanglint, YANG_DIR } from './yanglint.helper';

/** yanglint (libyang 2) compiles every Autonet module with no error and no warning. */
describe('yang/*.yang', () => {
  const files = yangFiles();

  it('holds the intent, slice and SR policy modules', () => {
    const names = files.map((f) => f.slice(f.lastIndexOf('/') + 1));
    expect(names).toEqual(
      expect.arrayContaining(['autonet-intent.yang', 'autonet-slice.yang', 'autonet-sr-policy.yang']),
    );
  });

  it.each(files)('%s compiles alone with empty stderr', (file) => {
    const run = yanglint(['-p', YANG_DIR, file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('compiles all together, strictly (-D: no implicit search directories)', () => {
    const run = yanglint(['-D', '-p', YANG_DIR, ...files]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('prints a tree for every module (the schema is usable, not just parsable)', () => {
    const run = yanglint(['-p', YANG_DIR, '-f', 'tree', ...files]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/\+--rw intent\* \[name\]/);
    expect(run.stdout).toMatch(/\+--rw segment\* \[index\]/);
    expect(run.stdout).toMatch(/\+--ro state/);
  });

  it('would see a warning: yanglint prints warnings on stderr with exit status 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yang-warn-'));
    const file = join(dir, 'warn.yang');
    writeFileSync(
      file,
      'module warn { yang-version 1.1; namespace "urn:warn"; prefix w;\n' +
        '  container c { leaf a { type string; must "../nonexistent = \'x\'"; } } }\n',
    );
    const run = yanglint([file]);
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/libyang warn/);
  });

  it('reports a broken module on stderr (the check can fail)', () => {
    const run = yanglint(['-p', YANG_DIR, '/dev/null']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).not.toBe('');
  });
});
