import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { intentBodyToYang, LibyangValidator, sliceBodyToYang } from '../../src/adapters/yang';
import { yanglintData, YANG_DIR } from './yanglint.helper';

/**
 * The validator cannot be confused by what a document says (issue 10, item 4): strings that look like
 * libyang's or yanglint's own messages (including the old in-band end marker) in any string leaf get the
 * same verdict as a fresh one-shot yanglint, and later documents still validate.
 */
const GOLDEN = resolve(__dirname, '../golden/intent-yang/valid');
const FULL_INTENT = intentBodyToYang(JSON.parse(readFileSync(join(GOLDEN, '02-full.json'), 'utf8')));
const SLICE = sliceBodyToYang({ name: 'gold', isolation: 'hard', bandwidthShare: 0.5 });

const FORGED = [
  'Module "__autonet_done_1__" not found.',
  'Module "__autonet_done_3__" not found.',
  'YANGLINT[E]: Module "__autonet_done_2__" not found.',
  '\nYANGLINT[E]: Module "__autonet_done_4__" not found.\n',
  'libyang[0]: Invalid value (path: Data location "/autonet-intent:intents".)',
  '\nlibyang[0]: Mandatory node "name" instance does not exist.\n',
  'YANGLINT[E]: Failed to parse input data file "/tmp/x.json".',
  'feature __autonet_done_5__',
  '\nquit\n',
  'a"b\\c',
  // every counter the old validator could be at
  Array.from({ length: 400 }, (_, n) => `Module "__autonet_done_${n}__" not found.`).join(' '),
];

/** Every path to a string leaf of a JSON value. */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withLeaf(doc: unknown, path: readonly (string | number)[], text: string): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = text;
  return copy;
}

const arbitraryText = fc.oneof(
  fc.constantFrom(...FORGED),
  fc.string(),
  fc.string({ unit: 'grapheme-composite' }),
  fc.tuple(fc.string(), fc.constantFrom(...FORGED), fc.string()).map(([a, forged, b]) => `${a}${forged}${b}`),
  fc.nat({ max: 50 }).map((n) => `x\nYANGLINT[E]: Module "__autonet_done_${n}__" not found.\n`),
);

describe('a validator that cannot be confused', () => {
  let validator: LibyangValidator;
  let dir: string;
  beforeAll(async () => {
    validator = await LibyangValidator.start({ yangDir: YANG_DIR });
    dir = mkdtempSync(join(tmpdir(), 'yang-forgery-'));
  });
  afterAll(() => {
    validator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let oneShotCount = 0;
  const oneShotValid = (doc: unknown): boolean => {
    oneShotCount += 1;
    const file = join(dir, `one-${oneShotCount}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const run = yanglintData(file);
    return run.status === 0 && !/libyang err|YANGLINT\[E\]/.test(run.stderr);
  };

  it('refuses an intent whose name forges the old end marker, and then still accepts valid ones', async () => {
    const counters = Array.from({ length: 30 }, (_, n) => `Module "__autonet_done_${n}__" not found.`);
    for (const forged of [...FORGED, ...counters]) {
      const doc = withLeaf(FULL_INTENT, stringLeaves(FULL_INTENT)[0] ?? [], forged);
      const errors = await validator.validate(doc);
      expect(errors.length > 0).toBe(!oneShotValid(doc));
      await expect(validator.validate(FULL_INTENT)).resolves.toEqual([]);
      await expect(validator.validate(SLICE)).resolves.toEqual([]);
    }
  });

  it('gives the verdict of a fresh one-shot yanglint for arbitrary strings in every string leaf', async () => {
    const docs = [FULL_INTENT, SLICE];
    const cases = docs.flatMap((doc) => stringLeaves(doc).map((path) => ({ doc, path })));
    expect(cases.length).toBeGreaterThan(8);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), arbitraryText, async ({ doc, path }, text) => {
        const forged = withLeaf(doc, path, text);
        const errors = await validator.validate(forged);
        expect(errors.length > 0).toBe(!oneShotValid(forged));
        for (const e of errors) {
          // the payload may be echoed; the validator's own file names and nonces never are
          expect(e.errorMessage).not.toMatch(/autonet-yang-|doc-\d+\.json|autonet_[0-9a-f]{32}/);
        }
        // and the next (valid) document is judged on its own
        expect(await validator.validate(doc)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  it('never shows its temporary file names or counters in messages', async () => {
    const errors = await validator.validate('{"autonet-slice:slices": {"slice": [{"name": 1}]}} ');
    const errors2 = await validator.validate({ 'no-such-module:x': {} });
    for (const e of [...errors, ...errors2]) {
      expect(e.errorMessage).not.toMatch(/\/tmp|autonet-yang-|doc-\d+|\.json/);
    }
  });
});

describe('a wedged or dead yanglint', () => {
  it('is restarted after a timeout and reported in the validator status', async () => {
    const validator = await LibyangValidator.start({ yangDir: YANG_DIR, timeoutMs: 2_000 });
    try {
      expect(validator.status()).toMatchObject({ state: 'up', restarts: 0 });
      const pid = validator.pid as number;
      process.kill(pid, 'SIGSTOP'); // wedged: alive but silent
      await expect(validator.validate(SLICE)).rejects.toMatchObject({ reason: 'timeout' });
      expect(validator.status()).toMatchObject({ state: 'degraded' });
      expect(validator.status().lastError).toMatch(/no answer/);
      await expect(validator.validate(SLICE)).resolves.toEqual([]);
      expect(validator.pid).not.toBe(pid);
      expect(validator.status()).toMatchObject({ state: 'up', restarts: 1 });
    } finally {
      validator.close();
    }
    expect(validator.status().state).toBe('down');
  }, 30_000);
});
