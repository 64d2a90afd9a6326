/** A dense per-arc accumulator that remembers which arcs it touched, so it can be read out sparsely. */
export class ArcAccumulator {
  readonly value: Float64Array;
  private readonly touched: Int32Array;
  private readonly seen: Uint8Array;
  private count = 0;

  constructor(m: number) {
    this.value = new Float64Array(m);
    this.touched = new Int32Array(m);
    this.seen = new Uint8Array(m);
  }

  add(arc: number, x: number): void {
    if (this.seen[arc] === 0) {
      this.seen[arc] = 1;
      this.touched[this.count++] = arc;
    }
    this.value[arc]! += x;
  }

  /** The touched arcs (in first-touch order) and their values; resets the accumulator. */
  drain(): { arcs: Int32Array; frac: Float64Array } {
    const arcs = this.touched.slice(0, this.count);
    const frac = new Float64Array(arcs.length);
    for (let i = 0; i < arcs.length; i++) {
      const a = arcs[i]!;
      frac[i] = this.value[a]!;
      this.value[a] = 0;
      this.seen[a] = 0;
    }
    this.count = 0;
    return { arcs, frac };
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) {
      const a = this.touched[i]!;
      this.value[a] = 0;
      this.seen[a] = 0;
    }
    this.count = 0;
  }
}
