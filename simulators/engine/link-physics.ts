/** Module-level aliases: global lookups are slow inside vm contexts (jest), and these run per arc per tick. */
const { min, max } = Math;

/** Average packet size used to turn octets into packets (bytes). */
export const AVG_PACKET_BYTES = 800;
/** Largest queueing delay a port buffer adds (µs): the buffer is full beyond this. */
export const MAX_QUEUE_US = 20_000;
/** Traffic is bursty: queueing grows faster than M/M/1 by this factor. */
const BURSTINESS = 40;

/**
 * Queueing delay of a port at utilisation rho: M/M/1 waiting time (rho / (1 - rho) × service time) scaled
 * for bursty traffic and capped at the buffer size; a full buffer once rho >= 1.
 */
export function queueDelayUs(rho: number, capacityMbps: number): number {
  if (rho <= 0) return 0;
  if (rho >= 1) return MAX_QUEUE_US;
  const serviceUs = (AVG_PACKET_BYTES * 8) / capacityMbps;
  return min(MAX_QUEUE_US, (BURSTINESS * serviceUs * rho) / (1 - rho));
}

/**
 * Share of packets the egress queue drops: none below 95 % utilisation, a quadratic ramp to 0.1 % at 100 %,
 * then everything above capacity (1 - 1/rho).
 */
export function congestionLoss(rho: number): number {
  if (rho <= 0.95) return 0;
  const ramp = 0.001 * min(1, ((rho - 0.95) / 0.05) ** 2);
  return rho <= 1 ? ramp : max(ramp, 1 - 1 / rho);
}
