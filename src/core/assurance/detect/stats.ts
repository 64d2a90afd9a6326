/** Small numeric helpers shared by the detectors and the localiser: binomial log-likelihoods, thresholds. */

const EPS = 1e-12;

/** ln P(k lost of n | loss rate p), without the binomial coefficient (it cancels in every ratio). */
export function binomialLogLik(n: number, k: number, p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return k * Math.log(q) + (n - k) * Math.log(1 - q);
}

/**
 * One-sided log-likelihood ratio (nats) of "loss rate k/n" against "loss rate p0", 0 when k/n ≤ p0.
 * Under H0, 2·LLR is asymptotically ½χ²₀ + ½χ²₁.
 */
export function excessLossLlr(n: number, k: number, p0: number): number {
  if (n <= 0) return 0;
  const phat = k / n;
  if (phat <= p0) return 0;
  return binomialLogLik(n, k, phat) - binomialLogLik(n, k, p0);
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`stats: normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [
    -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472,
    2.50662827745924,
  ];
  const b = [-54.4764801981357, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [
    -0.00778489400243029, -0.322396458041136, -2.40097586756975, -2.54973253934373, 4.37466414146497,
    2.93816398269878,
  ];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const lo = 0.02425;
  const poly = (cs: number[], x: number): number => cs.reduce((acc, ci) => acc * x + ci, 0);
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/**
 * LLR threshold (nats) for a one-sided GLR test with one free parameter at per-test false-alarm rate `alpha`:
 * P(½χ²₁ mixture > 2t) = alpha ⇔ t = z²/2 with z the (1 − alpha) normal quantile.
 */
export function llrThresholdForAlpha(alpha: number): number {
  const z = normalQuantile(1 - alpha);
  return (z * z) / 2;
}

/** Maximises a unimodal function on [lo, hi] by golden-section search; returns the arg max and the max. */
export function goldenMax(
  f: (x: number) => number,
  lo: number,
  hi: number,
  iterations = 48,
): { x: number; value: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < iterations && b - a > 1e-12; i++) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  // The ends matter (a rate of exactly 0 or 1 is common): compare them with the interior optimum.
  const candidates = [
    { x: (a + b) / 2, value: f((a + b) / 2) },
    { x: lo, value: f(lo) },
    { x: hi, value: f(hi) },
  ];
  return candidates.reduce((best, cand) => (cand.value > best.value ? cand : best));
}

/** An exponentially weighted mean with a warm-up count (the first samples are averaged plainly). */
export class Ewma {
  private mean = 0;
  private count = 0;
  constructor(private readonly alpha: number) {}
  update(x: number): number {
    this.count++;
    const w = Math.max(this.alpha, 1 / this.count);
    this.mean += w * (x - this.mean);
    return this.mean;
  }
  get value(): number {
    return this.mean;
  }
  get samples(): number {
    return this.count;
  }
}
