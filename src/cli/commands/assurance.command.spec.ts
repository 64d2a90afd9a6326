import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import {
  DATASET_FORMAT,
  FEATURE_NAMES,
  LogisticModel,
  generateCampaign,
} from '../../core/assurance/classify';
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

/** A dataset file as bench/assurance-dataset.ts writes it: header, then rows of seeds 11–13. */
function dataset(file: string, extra = ''): string {
  const rows = generateCampaign({ seed: 4, rows: 540 }).map((r, i) =>
    JSON.stringify({
      seed: 11 + (Math.floor(i / 9) % 3),
      topology: 't',
      label: r.label,
      features: r.features,
    }),
  );
  const header = JSON.stringify({
    format: DATASET_FORMAT,
    features: FEATURE_NAMES,
    command: 'node gen --seeds 11,12,13',
  });
  writeFileSync(file, `${[header, ...rows].join('\n')}\n${extra}`);
  return file;
}

/** `autonet assurance train --data <data> --out <out> …rest`. */
const trainOn = (data: string, out: string, ...rest: string[]) =>
  run(['assurance', 'train', '--data', data, '--out', out, ...rest]);

describe('autonet assurance train --data', () => {
  it('trains on the dataset, holds out by seed and records both commands in the model', async () => {
    const data = dataset(join(dir, 'd.jsonl'));
    const out = join(dir, 'sim.json');
    const prev = join(dir, 'prev.json');
    await run(['assurance', 'train', '--out', prev, '--seed', '5', '--rows', '180', '--json']);
    const report = JSON.parse(await trainOn(data, out, '--held-out', '13', '--compare', prev, '--json')) as {
      trainSeeds: number[];
      heldOutSeeds: number[];
      heldOutRows: number;
      trainRows: number;
      model: { accuracy: number; matrix: number[][] };
      rules: { accuracy: number };
      compared: { model: { accuracy: number } };
    };
    expect(report.trainSeeds).toEqual([11, 12]);
    expect(report.heldOutSeeds).toEqual([13]);
    expect(report.heldOutRows).toBe(180);
    expect(report.trainRows).toBe(360);
    expect(report.model.matrix).toHaveLength(9);
    expect(report.compared.model.accuracy).toBeGreaterThan(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { training: Record<string, unknown> };
    expect(json.training).toMatchObject({
      command: `autonet assurance train --data ${data} --out ${out} --seed 1 --held-out 13`,
      dataCommand: 'node gen --seeds 11,12,13',
      trainSeeds: '11,12',
      heldOutSeeds: '13',
      heldOutRows: 180,
      rows: 360,
    });
    expect(() => LogisticModel.fromJson(json)).not.toThrow();
  });

  it('refuses a malformed dataset, naming the line, and writes no model', async () => {
    const data = dataset(join(dir, 'bad.jsonl'), '{"seed": 12, "label": "crc", "features": [1]}\n');
    const out = join(dir, 'never.json');
    await expect(trainOn(data, out)).rejects.toThrow(/line 542\b/);
    expect(() => readFileSync(out)).toThrow();
  });

  it('records --augment, --l2 and the synthetic rows added in the model', async () => {
    const data = dataset(join(dir, 'aug.jsonl'));
    const out = join(dir, 'aug.json');
    await trainOn(data, out, '--augment', '50', '--l2', '0.01', '--json');
    const json = JSON.parse(readFileSync(out, 'utf8')) as { training: Record<string, unknown> };
    expect(json.training['command']).toBe(
      `autonet assurance train --data ${data} --out ${out} --seed 1 --augment 50 --l2 0.01`,
    );
    expect(json.training['syntheticRowsAdded']).toMatch(/^link-down 50, .*telemetry-gap 50$/);
    expect(json.training['l2']).toBe(0.01);
  });
});
