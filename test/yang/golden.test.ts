import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LibyangValidator } from '../../src/adapters/yang';
import { intentBodyToYang, intentSpecToYang, intentYangToSpec } from '../../src/adapters/yang';
import { yanglintData, YANG_DIR } from './yanglint.helper';

/**
 * The golden intent documents (REST body shape) get the same verdict from yanglint run directly on the
 * mapped RFC 7951 JSON and from LibyangValidator; invalid ones carry the expected RFC 8040 error-tag.
 */
const GOLDEN = resolve(__dirname, '../golden/intent-yang');
const expected = JSON.parse(readFileSync(join(GOLDEN, 'invalid-expected.json'), 'utf8')) as Record<
  string,
  { errorTag?: string; errorAppTag?: string; errorPath?: string }
>;
const list = (dir: string) =>
  readdirSync(join(GOLDEN, dir))
    .filter((f) => f.endsWith('.json'))
    .sort();
const validFiles = list('valid');
const invalidFiles = list('invalid');

let validator: LibyangValidator;
let work: string;

beforeAll(async () => {
  validator = await LibyangValidator.start({ yangDir: YANG_DIR });
  work = mkdtempSync(join(tmpdir(), 'golden-yang-'));
});
afterAll(() => {
  validator.close();
  rmSync(work, { recursive: true, force: true });
});

/** RFC 7951 text for yanglint: the mapped body, or the raw text when it is not JSON at all. */
function rfc7951Text(raw: string): { text: string; parsed: boolean } {
  try {
    return { text: JSON.stringify(intentBodyToYang(JSON.parse(raw))), parsed: true };
  } catch {
    return { text: raw, parsed: false };
  }
}

function direct(name: string, text: string) {
  const file = join(work, name);
  writeFileSync(file, text);
  return yanglintData(file);
}

it('has enough golden documents, each invalid one with an expectation', () => {
  expect(validFiles.length).toBeGreaterThanOrEqual(8);
  expect(invalidFiles.length).toBeGreaterThanOrEqual(15);
  expect(Object.keys(expected).sort()).toEqual(invalidFiles.map((f) => f.replace(/\.json$/, '')));
});

describe.each(validFiles)('valid/%s', (file) => {
  const raw = readFileSync(join(GOLDEN, 'valid', file), 'utf8');
  const { text } = rfc7951Text(raw);

  it('is accepted by yanglint and by LibyangValidator', async () => {
    const run = direct(file, text);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    await expect(validator.validate(JSON.parse(text))).resolves.toEqual([]);
  });

  it('round-trips through the core spec and is still valid', async () => {
    const spec = intentYangToSpec(JSON.parse(text));
    const again = intentSpecToYang(spec);
    expect(intentYangToSpec(again)).toEqual(spec);
    await expect(validator.validate(again)).resolves.toEqual([]);
  });
});

describe.each(invalidFiles)('invalid/%s', (file) => {
  const raw = readFileSync(join(GOLDEN, 'invalid', file), 'utf8');
  const { text, parsed } = rfc7951Text(raw);
  const want = expected[file.replace(/\.json$/, '')] ?? {};

  it('is rejected by yanglint and by LibyangValidator', async () => {
    const run = direct(file, text);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/libyang err/);
    const errors = await validator.validate(parsed ? JSON.parse(text) : text);
    expect(errors.length).toBeGreaterThan(0);
    if (want.errorTag !== undefined) expect(errors[0]?.errorTag).toBe(want.errorTag);
    if (want.errorAppTag !== undefined) expect(errors[0]?.errorAppTag).toBe(want.errorAppTag);
    if (want.errorPath !== undefined) expect(errors[0]?.errorPath).toBe(want.errorPath);
    for (const error of errors) {
      expect(error.errorMessage).not.toBe('');
      if (error.errorPath !== undefined) expect(error.errorPath).toMatch(/^\/autonet-intent:/);
    }
  });
});
