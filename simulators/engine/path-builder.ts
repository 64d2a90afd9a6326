/**
 * Concrete forwarding of every entry: its flow buckets grouped into distinct paths (ordered arc lists) with
 * the fraction of the entry's traffic on each. A path marked dropped ends where the packets were discarded
 * (no route, a down End.X adjacency, or a forwarding loop).
 */
export interface PathTable {
  readonly entryPathStart: Int32Array;
  readonly pathFraction: Float64Array;
  readonly pathHopStart: Int32Array;
  readonly hops: Int32Array;
  readonly pathDropped: Uint8Array;
  /** Per entry: whether its policy had a valid candidate path (1), no policy (0), or none valid (-1). */
  readonly entrySteering: Int8Array;
  /** Per entry: the arcs its traffic is offered to with the share on each (paths merged), and the share delivered. */
  readonly entryArcStart: Int32Array;
  readonly entryArcs: Int32Array;
  readonly entryArcShare: Float64Array;
  readonly entryReach: Float64Array;
}

/** The routed paths of one entry, kept to be reused while its destination's IGP routes do not change. */
export interface PathFragment {
  readonly version: number;
  readonly frac: readonly number[];
  /** Hop count of each path. */
  readonly lengths: readonly number[];
  readonly hops: readonly number[];
  readonly dropped: readonly number[];
  readonly arcs: readonly number[];
  readonly shares: readonly number[];
  readonly reach: number;
}

/** Accumulates entries' paths into the flat arrays of a PathTable. */
export class PathBuilder {
  private readonly frac: number[] = [];
  private readonly hopStart: number[] = [0];
  private readonly hops: number[] = [];
  private readonly dropped: number[] = [];
  private readonly arcs: number[] = [];
  private readonly shares: number[] = [];
  private readonly entryPathStart: Int32Array;
  private readonly entryArcStart: Int32Array;
  private readonly entryReach: Float64Array;
  private readonly steering: Int8Array;
  private entry = 0;

  constructor(
    entries: number,
    private readonly acc: Float64Array,
  ) {
    this.entryPathStart = new Int32Array(entries + 1);
    this.entryArcStart = new Int32Array(entries + 1);
    this.entryReach = new Float64Array(entries);
    this.steering = new Int8Array(entries);
  }

  emit(fraction: number, hops: readonly number[], dropped: boolean): void {
    this.frac.push(fraction);
    for (const h of hops) this.hops.push(h);
    this.hopStart.push(this.hops.length);
    this.dropped.push(dropped ? 1 : 0);
  }

  /** Closes the current entry: merges its paths into (arc, share) pairs and records its delivered share. */
  endEntry(steering: number): void {
    const i = this.entry++;
    const from = this.entryPathStart[i]!;
    const to = this.frac.length;
    const acc = this.acc;
    const touched: number[] = [];
    let reach = 0;
    for (let p = from; p < to; p++) {
      const f = this.frac[p]!;
      if (!this.dropped[p]) reach += f;
      for (let h = this.hopStart[p]!; h < this.hopStart[p + 1]!; h++) {
        const a = this.hops[h]!;
        if (acc[a] === 0) touched.push(a);
        acc[a]! += f;
      }
    }
    for (const a of touched.sort((x, y) => x - y)) {
      this.arcs.push(a);
      this.shares.push(acc[a]!);
      acc[a] = 0;
    }
    this.entryPathStart[i + 1] = to;
    this.entryArcStart[i + 1] = this.arcs.length;
    this.entryReach[i] = reach;
    this.steering[i] = steering;
  }

  /** The last closed entry as a reusable fragment. */
  lastFragment(version: number): PathFragment {
    const i = this.entry - 1;
    const p0 = this.entryPathStart[i]!;
    const p1 = this.entryPathStart[i + 1]!;
    const lengths: number[] = [];
    for (let p = p0; p < p1; p++) lengths.push(this.hopStart[p + 1]! - this.hopStart[p]!);
    return {
      version,
      frac: this.frac.slice(p0, p1),
      lengths,
      hops: this.hops.slice(this.hopStart[p0], this.hopStart[p1]),
      dropped: this.dropped.slice(p0, p1),
      arcs: this.arcs.slice(this.entryArcStart[i], this.entryArcStart[i + 1]),
      shares: this.shares.slice(this.entryArcStart[i], this.entryArcStart[i + 1]),
      reach: this.entryReach[i]!,
    };
  }

  /** Adds a whole entry from a fragment (an IGP-routed entry whose routes have not changed). */
  addFragment(f: PathFragment): void {
    const i = this.entry++;
    let h = 0;
    f.frac.forEach((x, k) => {
      this.frac.push(x);
      for (let n = 0; n < f.lengths[k]!; n++) this.hops.push(f.hops[h++]!);
      this.hopStart.push(this.hops.length);
      this.dropped.push(f.dropped[k]!);
    });
    for (let k = 0; k < f.arcs.length; k++) {
      this.arcs.push(f.arcs[k]!);
      this.shares.push(f.shares[k]!);
    }
    this.entryPathStart[i + 1] = this.frac.length;
    this.entryArcStart[i + 1] = this.arcs.length;
    this.entryReach[i] = f.reach;
    this.steering[i] = 0;
  }

  table(): PathTable {
    return {
      entryPathStart: this.entryPathStart,
      pathFraction: Float64Array.from(this.frac),
      pathHopStart: Int32Array.from(this.hopStart),
      hops: Int32Array.from(this.hops),
      pathDropped: Uint8Array.from(this.dropped),
      entrySteering: this.steering,
      entryArcStart: this.entryArcStart,
      entryArcs: Int32Array.from(this.arcs),
      entryArcShare: Float64Array.from(this.shares),
      entryReach: this.entryReach,
    };
  }
}
