/**
 * docker-compose.yml is for users with a Docker engine (the build machines have none): Debian's
 * docker-compose validates it, and the provisioned Grafana dashboard must only query measurements and
 * fields the InfluxDB sink really writes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { influxSchema } from '../../src/adapters/telemetry/influx.schema';

const ROOT = join(__dirname, '..', '..');

describe('docker-compose deployment', () => {
  it('passes `docker-compose config` with controller, simulator, InfluxDB and Grafana', () => {
    const out = execFileSync('docker-compose', ['config', '--services'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim().split('\n').sort()).toEqual(['controller', 'grafana', 'influxdb', 'simulator']);
    execFileSync('docker-compose', ['config', '-q'], { cwd: ROOT });
  });

  it('publishes ports on loopback only', () => {
    const config = execFileSync('docker-compose', ['config'], { cwd: ROOT, encoding: 'utf8' });
    const published = config.split('\n').filter((l) => /^\s*- [\d.:]*\d+:\d+(\/\w+)?$/.test(l));
    expect(published.length).toBe(3);
    for (const line of published) expect(line.trim()).toMatch(/^- 127\.0\.0\.1:\d+:\d+/);
  });

  it('provisions a Grafana dashboard whose queries name real measurements and fields', () => {
    const dashboard = JSON.parse(
      readFileSync(join(ROOT, 'deploy', 'grafana', 'dashboards', 'autonet.json'), 'utf8'),
    ) as { panels: { targets: { query: string }[] }[] };
    const schema = new Map(influxSchema('autonet').map((s) => [s.measurement, Object.keys(s.fields)]));
    const queries = dashboard.panels.flatMap((p) => p.targets.map((t) => t.query));
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const q of queries) {
      const m = /SELECT \w+\("(\w+)"\) FROM "(\w+)"/.exec(q);
      expect(m).not.toBeNull();
      expect(schema.get(m![2]!)).toContain(m![1]);
    }
  });
});
