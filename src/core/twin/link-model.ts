/**
 * The twin's per-arc queueing and loss model (ADR 0090). Delay = propagation + queueing + learned correction;
 * queueing is an M/M/1 waiting time scaled by a burstiness factor and capped at the port buffer:
 *   q(ρ) = min(maxQueueUs, burstiness · (8 · packetBytes / capacityMbps) · ρ / (1 − ρ)),  q = maxQueueUs for ρ ≥ 1.
 * Loss is zero below the knee, a quadratic ramp to `kneeLossPct` at ρ = 1, and the excess 1 − 1/ρ above capacity.
 */
export interface LinkModel {
  readonly packetBytes: number;
  readonly burstiness: number;
  readonly maxQueueUs: number;
  readonly lossKnee: number;
  readonly kneeLossPct: number;
}

export const DEFAULT_LINK_MODEL: LinkModel = Object.freeze({
  packetBytes: 800,
  burstiness: 40,
  maxQueueUs: 20_000,
  lossKnee: 0.95,
  kneeLossPct: 0.1,
});

export function queueDelayUs(
  rho: number,
  capacityMbps: number,
  model: LinkModel = DEFAULT_LINK_MODEL,
): number {
  if (!(rho > 0) || !(capacityMbps > 0)) return 0;
  if (rho >= 1) return model.maxQueueUs;
  const serviceUs = (model.packetBytes * 8) / capacityMbps;
  return Math.min(model.maxQueueUs, (model.burstiness * serviceUs * rho) / (1 - rho));
}

/** Predicted congestion loss in percent at utilisation ρ. */
export function congestionLossPct(rho: number, model: LinkModel = DEFAULT_LINK_MODEL): number {
  if (!(rho > model.lossKnee)) return 0;
  const x = Math.min(1, (rho - model.lossKnee) / (1 - model.lossKnee));
  const ramp = model.kneeLossPct * x * x;
  return rho <= 1 ? ramp : Math.max(ramp, 100 * (1 - 1 / rho));
}
