import { binomialLogLik, excessLossLlr } from '../detect/stats';

/**
 * How one hypothesis element acts on a measured path, and the log-likelihood of the path's measurement.
 * `m` is the path's aggregate under the current hypothesis: a pass probability for loss (elements multiply
 * in), an added delay for latency (elements add up).
 */
export interface PathModel {
  readonly size: number;
  readonly neutral: number;
  apply(m: number, fraction: number, x: number): number;
  /** The inverse of `apply`, or NaN when it cannot be undone (a loss rate of 1 on a full share). */
  remove(m: number, fraction: number, x: number): number;
  logLik(path: number, m: number): number;
  /** The best log-likelihood any aggregate could give this path (bounds every gain, for pruning). */
  saturated(path: number): number;
  /** Upper end of an element's parameter (loss rate ≤ 1; delay ≤ the largest excess seen). */
  readonly maxParam: number;
  /** Per-path "this path looks bad" bit, used only to pick which elements are worth trying. */
  bad(path: number): boolean;
  /**
   * Least-squares view for the NetBouncer-style cross-check: path residual weight·(target − m)², a
   * regulariser linear·x + quadratic·x², and the bar above which a fitted parameter counts as a fault.
   */
  lsTarget(path: number): number;
  lsWeight(path: number): number;
  readonly reg: { readonly linear: number; readonly quadratic: number };
  faulty(x: number): boolean;
}

export interface LossPath {
  readonly sent: number;
  readonly lost: number;
  /** Healthy loss rate of the path (not explained by any element). */
  readonly background: number;
}

/** Binomial: P(lost | sent, 1 − (1 − b)·Π(1 − f·x)). Each element's loss rate is profiled out. */
export class LossModel implements PathModel {
  readonly neutral = 1;
  readonly maxParam = 1;
  constructor(private readonly paths: readonly LossPath[]) {}
  get size(): number {
    return this.paths.length;
  }
  apply(m: number, fraction: number, x: number): number {
    return m * (1 - fraction * x);
  }
  remove(m: number, fraction: number, x: number): number {
    const pass = 1 - fraction * x;
    return pass > 1e-9 ? m / pass : NaN;
  }
  logLik(i: number, m: number): number {
    const p = this.paths[i]!;
    return binomialLogLik(p.sent, p.lost, 1 - (1 - p.background) * m);
  }
  saturated(i: number): number {
    const p = this.paths[i]!;
    return binomialLogLik(p.sent, p.lost, Math.max(p.lost / Math.max(1, p.sent), p.background));
  }
  bad(i: number): boolean {
    const p = this.paths[i]!;
    // Excess loss at p ≲ 0.03 against the background, and at least two packets more than it predicts:
    // at 10k paths a looser bar makes hundreds of noise candidates.
    return p.lost - p.background * p.sent >= 2 && excessLossLlr(p.sent, p.lost, p.background) > 2.5;
  }
  lsTarget(i: number): number {
    const p = this.paths[i]!;
    return Math.min(1, (1 - p.lost / Math.max(1, p.sent)) / (1 - p.background));
  }
  lsWeight(): number {
    return 1;
  }
  /** NetBouncer's λ·x(1−x) (it pushes rates to 0 or 1), scaled to probe-count noise. */
  readonly reg = { linear: 1e-4, quadratic: -1e-4 };
  /** Below 0.5 % a least-squares fit on 1,000 probes a path is mostly noise. */
  faulty(x: number): boolean {
    return x > 0.005;
  }
}

export interface DelayPath {
  readonly excessUs: number;
  readonly sigmaUs: number;
}

/** Gaussian: excess ~ N(Σ f·δ, σ²); each element's added delay δ ≥ 0 is profiled out. */
export class DelayModel implements PathModel {
  readonly neutral = 0;
  readonly maxParam: number;
  constructor(private readonly paths: readonly DelayPath[]) {
    this.maxParam = Math.max(1, ...paths.map((p) => p.excessUs)) * 1.5;
    const sigmas = paths.map((p) => p.sigmaUs).sort((a, b) => a - b);
    this.typicalSigma = sigmas[Math.floor(sigmas.length / 2)] ?? 1;
  }
  private readonly typicalSigma: number;
  get size(): number {
    return this.paths.length;
  }
  apply(m: number, fraction: number, x: number): number {
    return m + fraction * x;
  }
  remove(m: number, fraction: number, x: number): number {
    return m - fraction * x;
  }
  logLik(i: number, m: number): number {
    const p = this.paths[i]!;
    const z = (p.excessUs - m) / p.sigmaUs;
    return -0.5 * z * z;
  }
  saturated(): number {
    return 0;
  }
  bad(i: number): boolean {
    const p = this.paths[i]!;
    return p.excessUs > 3 * p.sigmaUs;
  }
  lsTarget(i: number): number {
    return this.paths[i]!.excessUs;
  }
  lsWeight(i: number): number {
    return 1 / this.paths[i]!.sigmaUs ** 2;
  }
  /** An L1 pull towards zero, one σ-unit per σ of delay (a lasso on the added delay). */
  get reg(): { linear: number; quadratic: number } {
    return { linear: 1 / this.typicalSigma, quadratic: 0 };
  }
  faulty(x: number): boolean {
    return x > 2 * this.typicalSigma;
  }
}
