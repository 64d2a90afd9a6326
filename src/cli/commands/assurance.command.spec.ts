import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { LogisticModel } from '../../core/assurance/classify';
import { registerAssuranceCommand } from './assurance.command';

const dir = mkdtempSync(join(tmpdir(), 'autonet-assurance-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerAssuranceCommand(program);
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'autonet', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('autonet assurance train', () => {
  it('writes a loadable model with its training command and reports model vs rules', async () => {
    const out = join(dir, 'models', 'm.json');
    const report = JSON.parse(
      await run(['assurance', 'train', '--out', out, '--seed', '5', '--rows', '450', '--json']),
    ) as {
      model: { accuracy: number; matrix: number[][] };
      rules: { accuracy: number };
      heldOutSeed: number;
    };
    expect(report.heldOutSeed).not.toBe(5);
    expect(report.model.matrix).toHaveLength(9);
    expect(report.model.accuracy).toBeGreaterThan(0.5);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { training: Record<string, unknown> };
    expect(json.training).toMatchObject({
      seed: 5,
      rows: 450,
      command: `autonet assurance train --out ${out} --seed 5 --rows 450`,
    });
    expect(() => LogisticModel.fromJson(json)).not.toThrow();
  });

  it('is reproducible: the same seed writes the same file', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    await run(['assurance', 'train', '--out', a, '--seed', '9', '--rows', '180', '--json']);
    await run(['assurance', 'train', '--out', b, '--seed', '9', '--rows', '180', '--json']);
    const strip = (f: string) => ({ ...(JSON.parse(readFileSync(f, 'utf8')) as object), training: null });
    expect(strip(a)).toEqual(strip(b));
  });
});
