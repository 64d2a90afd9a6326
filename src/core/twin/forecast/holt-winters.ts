/**
 * Additive Holt-Winters (level + trend + seasonal) over an evenly spaced series, with prediction intervals from
 * the variance of the one-step-ahead residuals (Hyndman & Athanasopoulos, "Forecasting: principles and
 * practice", §8.7: var(h) = σ² (1 + Σ_{j<h} c_j²), c_j = α(1 + jβ) + γ·[j ≡ 0 mod m]). Missing samples (NaN)
 * are filled by the model's own one-step forecast and contribute no residual. Pure; no clocks.
 */
export interface HoltWintersParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

export interface HoltWintersModel extends HoltWintersParams {
  /** Season length in samples (1 means no season: Holt's linear trend). */
  readonly period: number;
  readonly level: number;
  readonly trend: number;
  /** Seasonal terms; season[(n + h) mod period] applies h steps after the last sample (index n - 1). */
  readonly season: readonly number[];
  /** Number of samples the model has seen. */
  readonly n: number;
  /** Variance of the one-step residuals (0 when there were none). */
  readonly sigma2: number;
  readonly residuals: number;
}

export interface ForecastStep {
  readonly mean: number;
  /** Standard deviation of the forecast error at this step. */
  readonly sd: number;
}

const DEFAULTS: HoltWintersParams = { alpha: 0.3, beta: 0.01, gamma: 0.3 };

/** Fits one parameter set; `period` ≥ 2 needs at least two full seasons, else it degrades to Holt. */
export function fitHoltWinters(
  values: readonly number[],
  period: number,
  params: HoltWintersParams = DEFAULTS,
): HoltWintersModel {
  const m = period >= 2 && countFinite(values) >= 2 * period && values.length >= 2 * period ? period : 1;
  const { level: l0, trend: b0, season: s0 } = initialState(values, m);
  let level = l0;
  let trend = b0;
  const season = s0.slice();
  let sse = 0;
  let k = 0;
  const { alpha, beta, gamma } = params;
  for (let t = 0; t < values.length; t++) {
    const s = m > 1 ? season[t % m]! : 0;
    const yhat = level + trend + s;
    const raw = values[t]!;
    const y = Number.isFinite(raw) ? raw : yhat;
    if (Number.isFinite(raw) && t >= m) {
      sse += (y - yhat) ** 2;
      k++;
    }
    const prevLevel = level;
    level = alpha * (y - s) + (1 - alpha) * (level + trend);
    trend = beta * (level - prevLevel) + (1 - beta) * trend;
    if (m > 1) season[t % m] = gamma * (y - prevLevel - trend) + (1 - gamma) * s;
  }
  return {
    ...params,
    period: m,
    level,
    trend,
    season,
    n: values.length,
    sigma2: k > 1 ? sse / (k - 1) : 0,
    residuals: k,
  };
}

/**
 * Picks α, β, γ from a small grid by the one-step residual variance (in-sample), a robust choice for the
 * short, regular series the twin keeps; the grid keeps it predictable in time (27 fits).
 */
export function fitBest(values: readonly number[], period: number): HoltWintersModel {
  let best: HoltWintersModel | undefined;
  for (const alpha of [0.1, 0.3, 0.6])
    for (const beta of [0, 0.01, 0.1])
      for (const gamma of [0.05, 0.2, 0.5]) {
        const fit = fitHoltWinters(values, period, { alpha, beta, gamma });
        if (!best || (fit.residuals > 1 && fit.sigma2 < best.sigma2)) best = fit;
      }
  return best!;
}

/** The forecast h = 1..steps samples after the last one, with the error standard deviation per step. */
export function forecastSteps(model: HoltWintersModel, steps: number): ForecastStep[] {
  const out: ForecastStep[] = [];
  const { alpha, beta, gamma, period: m } = model;
  let cum = 0;
  for (let h = 1; h <= steps; h++) {
    const s = m > 1 ? model.season[(model.n + h - 1) % m]! : 0;
    if (h > 1) {
      const j = h - 1;
      const c = alpha * (1 + j * beta) + (m > 1 && j % m === 0 ? gamma : 0);
      cum += c * c;
    }
    out.push({ mean: model.level + h * model.trend + s, sd: Math.sqrt(model.sigma2 * (1 + cum)) });
  }
  return out;
}

function countFinite(values: readonly number[]): number {
  let c = 0;
  for (const v of values) if (Number.isFinite(v)) c++;
  return c;
}

function mean(values: readonly number[], from: number, to: number): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to && i < values.length; i++)
    if (Number.isFinite(values[i]!)) {
      s += values[i]!;
      c++;
    }
  return c === 0 ? NaN : s / c;
}

/** Classical initialisation: level = first season's mean, trend from the first two seasons' means. */
function initialState(
  values: readonly number[],
  m: number,
): { level: number; trend: number; season: number[] } {
  if (m === 1) {
    const first = values.findIndex((v) => Number.isFinite(v));
    const level = first < 0 ? 0 : values[first]!;
    return { level, trend: 0, season: [] };
  }
  const a = mean(values, 0, m);
  const b = mean(values, m, 2 * m);
  const season = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    const x = values[i]!;
    const y = values[i + m]!;
    const pair = [x - a, y - b].filter((v) => Number.isFinite(v));
    season[i] = pair.length === 0 ? 0 : pair.reduce((p, q) => p + q, 0) / pair.length;
  }
  // The recursion starts at t = 0 from the state "before" the first sample.
  return { level: a - ((b - a) / m) * ((m + 1) / 2), trend: (b - a) / m, season };
}
