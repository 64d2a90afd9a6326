import { status, type ServiceError } from '@grpc/grpc-js';
import { Metadata } from '@grpc/grpc-js';
import type { SimNodeState, SimSource } from '../sim-source';
import type { WirePath } from './gnmi-path';

/** A failed RPC, as grpc-js expects it in callbacks and stream 'error' events. */
export function rpcError(code: status, details: string): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() });
}

/** Telemetry-gap faults: the engine may silence an NE's telemetry (optional in SimSource). */
export function isSilent(source: SimSource, ne: string): boolean {
  return source.telemetrySilent?.(ne) ?? false;
}

/**
 * The NE a request addresses through `prefix.target` (gNMI proxy convention, spec 2.2.2.1). Legacy NEs speak
 * SNMP only, so over gNMI they do not exist; a node that is down does not answer.
 */
export function resolveTarget(
  source: SimSource,
  prefix: WirePath | null | undefined,
): SimNodeState | ServiceError {
  const target = prefix?.target ?? '';
  if (target === '') return rpcError(status.INVALID_ARGUMENT, 'gnmi: prefix.target must name an NE');
  const node = source.node(target);
  if (!node || node.legacy) return rpcError(status.NOT_FOUND, `gnmi: unknown target ${target}`);
  if (!node.up) return rpcError(status.UNAVAILABLE, `gnmi: target ${target} is down`);
  return node;
}

export function isRpcError(x: unknown): x is ServiceError {
  return x instanceof Error && typeof (x as Partial<ServiceError>).code === 'number';
}
