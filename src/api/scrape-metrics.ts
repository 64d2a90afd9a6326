import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

/**
 * Prometheus metrics whose values are read at scrape time from the controller's own state (queue depths,
 * intents by state, pool statistics…), instead of being pushed as things happen. Each collect resets the
 * metric first, so a label set that disappeared from the state disappears from the scrape.
 */
export function scrapeGauge<L extends string>(
  r: Registry,
  name: string,
  help: string,
  labelNames: L[],
  fill: (g: Gauge<L>) => void,
): Gauge<L> {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [r],
    collect() {
      this.reset();
      fill(this);
    },
  });
}

/** A counter mirroring a monotonic total the component keeps itself (set to that total at every scrape). */
export function scrapeCounter<L extends string>(
  r: Registry,
  name: string,
  help: string,
  labelNames: L[],
  fill: (set: (labels: Partial<Record<L, string>>, v: number) => void) => void,
): Counter<L> {
  return new Counter<L>({
    name,
    help,
    labelNames,
    registers: [r],
    collect() {
      this.reset();
      fill((labels, v) => this.inc(labels, v));
    },
  });
}
