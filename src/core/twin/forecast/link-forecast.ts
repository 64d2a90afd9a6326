import { fitBest, forecastSteps } from './holt-winters';

/** One day, the period of the simulator's (and real traffic's) diurnal cycle. */
export const DAY_MS = 86_400_000;
/** z of a two-sided 95 % prediction interval. */
const Z95 = 1.959964;

/** A per-link-direction utilisation history: evenly spaced buckets (NaN where no sample fell). */
export interface UtilisationHistory {
  readonly link: string;
  readonly arc: string;
  readonly from: string;
  readonly to: string;
  /** Time of the first bucket (epoch ms) and the bucket step. */
  readonly startMs: number;
  readonly stepMs: number;
  readonly values: readonly number[];
}

export interface ForecastPoint {
  readonly t: number;
  readonly utilisation: number;
  /** 95 % prediction interval (clamped to utilisation ≥ 0). */
  readonly lo: number;
  readonly hi: number;
}

export interface LinkForecast {
  readonly link: string;
  readonly arc: string;
  readonly from: string;
  readonly to: string;
  /** 'holt-winters' with a daily season once two days of history exist, else 'holt' (level and trend). */
  readonly method: 'holt-winters' | 'holt' | 'none';
  readonly stepMs: number;
  readonly points: ForecastPoint[];
}

export interface ForecastOptions {
  /** Season length (default one day). */
  readonly seasonMs?: number;
}

/** Forecasts one direction `horizonMs` ahead of its last bucket, at the history's bucket step. */
export function forecastLink(
  h: UtilisationHistory,
  horizonMs: number,
  options: ForecastOptions = {},
): LinkForecast {
  const head = { link: h.link, arc: h.arc, from: h.from, to: h.to, stepMs: h.stepMs };
  if (!(h.stepMs > 0) || !h.values.some((v) => Number.isFinite(v)))
    return { ...head, method: 'none', points: [] };
  const period = Math.max(1, Math.round((options.seasonMs ?? DAY_MS) / h.stepMs));
  const model = fitBest(h.values, period);
  const steps = Math.max(1, Math.ceil(horizonMs / h.stepMs));
  const last = h.startMs + (h.values.length - 1) * h.stepMs;
  const points = forecastSteps(model, steps).map((s, i) => ({
    t: last + (i + 1) * h.stepMs,
    utilisation: Math.max(0, s.mean),
    lo: Math.max(0, s.mean - Z95 * s.sd),
    hi: Math.max(0, s.mean + Z95 * s.sd),
  }));
  return { ...head, method: model.period > 1 ? 'holt-winters' : 'holt', points };
}

export interface Crossing {
  readonly link: string;
  readonly arc: string;
  readonly from: string;
  readonly to: string;
  /** First forecast time at which the expected utilisation reaches the ceiling. */
  readonly at: number;
  readonly utilisation: number;
  /** Upper end of its 95 % interval. */
  readonly hi: number;
}

/**
 * The directions whose expected utilisation reaches `ceiling` within `horizonMs` of `fromMs` (default: the
 * time of each forecast's first point minus one step), earliest first.
 */
export function crossings(
  forecasts: readonly LinkForecast[],
  ceiling = 0.85,
  horizonMs = Infinity,
  fromMs?: number,
): Crossing[] {
  const out: Crossing[] = [];
  for (const f of forecasts) {
    const start = fromMs ?? (f.points[0] ? f.points[0].t - f.stepMs : 0);
    const hit = f.points.find((p) => p.t - start <= horizonMs && p.utilisation >= ceiling);
    if (hit)
      out.push({
        link: f.link,
        arc: f.arc,
        from: f.from,
        to: f.to,
        at: hit.t,
        utilisation: hit.utilisation,
        hi: hit.hi,
      });
  }
  return out.sort((a, b) => a.at - b.at || a.arc.localeCompare(b.arc));
}
