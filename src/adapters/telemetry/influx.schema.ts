import { FieldType } from 'influx';
import type { IPoint, ISchemaOptions } from 'influx';
import { INTERFACE_FIELDS } from '../../core/telemetry';
import type { TelemetryPoint } from '../../core/telemetry';

/**
 * InfluxDB 1.x layout: measurements `interface` (tags ne, interface, arc), `node` (ne), `policy` (ne, policy),
 * `demand` (ne, destination).
 * Field types are declared up front: without a schema node-influx writes every number as a float and a later
 * integer write to the same field fails with `field type conflict` (research/telemetry.md §4). Counters,
 * oper_up and probe counts are integers; rates and gauges floats.
 */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  utilisation: 'utilisation',
  inBps: 'in_bps',
  outBps: 'out_bps',
  inPps: 'in_pps',
  outPps: 'out_pps',
  inErrorsPs: 'in_errors_ps',
  inDiscardsPs: 'in_discards_ps',
  outDiscardsPs: 'out_discards_ps',
  inFcsErrorsPs: 'in_fcs_errors_ps',
  operUp: 'oper_up',
  cpuPct: 'cpu_pct',
  memPct: 'mem_pct',
  delayUs: 'delay_us',
  jitterUs: 'jitter_us',
  lossPct: 'loss_pct',
  probesSent: 'probes_sent',
  probesLost: 'probes_lost',
  trafficBps: 'traffic_bps',
};

const COUNTER_NAMES = [
  ['inOctets', 'in_octets'],
  ['outOctets', 'out_octets'],
  ['inPkts', 'in_pkts'],
  ['outPkts', 'out_pkts'],
  ['inErrors', 'in_errors'],
  ['inDiscards', 'in_discards'],
  ['outDiscards', 'out_discards'],
  ['inFcsErrors', 'in_fcs_errors'],
] as const;

const F = FieldType.FLOAT;
const I = FieldType.INTEGER;

export function influxSchema(database: string): ISchemaOptions[] {
  const iface: Record<string, FieldType> = {};
  // Every interface field is a float rate or gauge, except oper-status (0/1), an integer.
  for (const f of INTERFACE_FIELDS) iface[FIELD_NAMES[f]!] = f === 'operUp' ? I : F;
  for (const [, name] of COUNTER_NAMES) iface[name] = I;
  return [
    { database, measurement: 'interface', tags: ['ne', 'interface', 'arc'], fields: iface },
    { database, measurement: 'node', tags: ['ne'], fields: { cpu_pct: F, mem_pct: F } },
    {
      database,
      measurement: 'policy',
      tags: ['ne', 'policy'],
      fields: { delay_us: F, jitter_us: F, loss_pct: F, probes_sent: I, probes_lost: I, traffic_bps: F },
    },
    { database, measurement: 'demand', tags: ['ne', 'destination'], fields: { traffic_bps: F } },
  ];
}

/** Largest integer InfluxDB and a JS number both hold exactly; larger counters are left out of the point. */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** One TelemetryPoint as a node-influx point (timestamp in ms: write with precision 'ms'). */
export function toInfluxPoint(p: TelemetryPoint): IPoint {
  const fields: Record<string, number> = {};
  const values = p.fields as Readonly<Record<string, number>>;
  for (const f in values) fields[FIELD_NAMES[f]!] = values[f]!;
  let tags: Record<string, string>;
  if (p.measurement === 'interface') {
    tags =
      p.outArc === undefined
        ? { ne: p.ne, interface: p.interface }
        : { ne: p.ne, interface: p.interface, arc: p.outArc };
    const c = p.counters;
    if (c !== undefined) {
      for (const [k, name] of COUNTER_NAMES) {
        const v = c[k];
        if (v !== undefined && v <= MAX_EXACT) fields[name] = Number(v);
      }
    }
  } else if (p.measurement === 'node') {
    tags = { ne: p.ne };
  } else if (p.measurement === 'policy') {
    tags = { ne: p.ne, policy: p.policy };
  } else {
    tags = { ne: p.ne, destination: p.destination };
  }
  return { measurement: p.measurement, tags, fields, timestamp: p.timestampMs };
}
