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
  /**
   * Optional exact profile of one element's parameter over its paths (aggregates `base` without it):
   * the maximising parameter and the summed log-likelihood there. Models without it are profiled by
   * golden-section search.
   */
  profile?(
    paths: readonly number[],
    fractions: readonly number[],
    base: readonly number[],
  ): { x: number; value: number };
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
  /**
   * Projected Newton on the concave binomial log-likelihood in the loss rate x ∈ [0, 1]: with pass
   * u = c·(1 − f·x), c = (1 − b)·m, dLL/dx = Σ k·c·f/(1 − u) − (n − k)·f/(1 − f·x). Converges in a few steps
   * where golden-section needs ~27 evaluations of the whole sum.
   */
  profile(
    paths: readonly number[],
    fractions: readonly number[],
    base: readonly number[],
  ): { x: number; value: number } {
    const hi = 1 - 1e-9;
    const value = (x: number): number => {
      let sum = 0;
      for (let j = 0; j < paths.length; j++)
        sum += this.logLik(paths[j]!, this.apply(base[j]!, fractions[j]!, x));
      return sum;
    };
    // first and second derivative at x, written to g and h (no allocation: this runs for every candidate)
    let g = 0;
    let h = 0;
    const slope = (x: number): void => {
      g = 0;
      h = 0;
      for (let j = 0; j < paths.length; j++) {
        const { sent: n, lost: k, background: b } = this.paths[paths[j]!]!;
        const f = fractions[j]!;
        const c = (1 - b) * base[j]!;
        const q = Math.max(1 - f * x, 1e-12);
        const lossP = Math.max(1 - c * q, 1e-12);
        g += (k * c * f) / lossP - ((n - k) * f) / q;
        h -= (k * (c * f) ** 2) / lossP ** 2 + ((n - k) * f * f) / (q * q);
      }
    };
    slope(0);
    if (g <= 0) return { x: 0, value: value(0) };
    let lo = 0;
    let up = hi;
    let x = 0.01;
    let converged = false;
    for (let i = 0; i < 40; i++) {
      slope(x);
      if (g > 0) lo = x;
      else up = x;
      let next = h < 0 ? x - g / h : (lo + up) / 2;
      if (!(next > lo && next < up)) next = (lo + up) / 2; // keep inside the bracket
      if (Math.abs(next - x) < 1e-10) {
        x = next;
        converged = true;
        break;
      }
      x = next;
    }
    const v = value(x);
    // Concave: a stationary point inside the range is the maximum, the far end need not be evaluated.
    if (converged && x < hi - 1e-6) return { x, value: v };
    const vHi = value(hi);
    return vHi > v ? { x: hi, value: vHi } : { x, value: v };
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
