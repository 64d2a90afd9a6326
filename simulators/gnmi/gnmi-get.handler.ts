import { status, type ServiceError } from '@grpc/grpc-js';
import type { SimNodeState, SimSource } from '../sim-source';
import { leafJson, type ValueEncoding } from './gnmi-wire.encoder';
import { joinPaths, wirePath, type Elem, type WirePath } from './gnmi-path';
import { policyContainerJson, policyTarget } from './gnmi-policy.json';
import { collectLeaves, type LeafValue } from './gnmi-tree';
import { rpcError } from './gnmi-target';

export interface WireGetRequest {
  readonly prefix?: WirePath | null;
  readonly path?: readonly WirePath[];
  readonly encoding?: string;
}

/** Encodings this target serves (Capabilities lists JSON_IETF and PROTO; JSON is accepted as well). */
export function valueEncoding(name: string | undefined): ValueEncoding | undefined {
  if (name === undefined || name === 'JSON') return 'JSON';
  return name === 'PROTO' || name === 'JSON_IETF' ? name : undefined;
}

/** proto-loader object form of a TypedValue. */
export function wireValue(v: LeafValue, encoding: ValueEncoding): Record<string, unknown> {
  if (encoding === 'JSON') return { json_val: Buffer.from(leafJson(v)) };
  if (encoding === 'JSON_IETF') return { json_ietf_val: Buffer.from(leafJson(v)) };
  if (v.t === 'uint') return { uint_val: v.v.toString() };
  if (v.t === 'uint32') return { uint_val: String(v.v) };
  if (v.t === 'double' || v.t === 'decimal') return { double_val: v.v };
  return { string_val: v.v };
}

/** gNMI Get (spec 3.3): one Notification per requested path; SR policy config comes back as RFC 7951 JSON. */
export function handleGet(source: SimSource, node: SimNodeState, req: WireGetRequest): object | ServiceError {
  const encoding = valueEncoding(req.encoding);
  if (!encoding)
    return rpcError(status.UNIMPLEMENTED, `gnmi: encoding ${String(req.encoding)} not supported`);
  const timestamp = (BigInt(source.nowMs()) * 1_000_000n).toString();
  const prefix = { target: node.id };
  const paths = req.path && req.path.length > 0 ? req.path : [{}];
  const notification: object[] = [];
  for (const p of paths) {
    const elems = joinPaths({ ...req.prefix, target: '' }, p);
    const update = updatesFor(source, node, elems, encoding);
    if (update.length === 0 && !hasWildcard(elems) && policyTarget(elems)?.kind !== 'all') {
      return rpcError(status.NOT_FOUND, `gnmi: no data at ${JSON.stringify(elems)} on ${node.id}`);
    }
    notification.push({ timestamp, prefix, update });
  }
  return { notification };
}

function updatesFor(source: SimSource, node: SimNodeState, elems: Elem[], encoding: ValueEncoding): object[] {
  const policy = policyTarget(elems);
  if (policy) {
    const policies = source.policies(node.id);
    const field = encoding === 'JSON' ? 'json_val' : 'json_ietf_val';
    if (policy.kind === 'all')
      return [{ path: wirePath(elems), val: { [field]: Buffer.from(policyContainerJson(policies)) } }];
    const one = policies.find((p) => p.name === policy.name);
    if (one) return [{ path: wirePath(elems), val: { [field]: Buffer.from(JSON.stringify(one)) } }];
  }
  return collectLeaves(source, node, elems).map((l) => ({
    path: wirePath(l.path),
    val: wireValue(l.value, encoding),
  }));
}

function hasWildcard(elems: readonly Elem[]): boolean {
  return elems.some((e) => e.name === '*' || e.name === '...' || Object.values(e.key ?? {}).includes('*'));
}

/** Capabilities (spec 3.2): the same for every target behind this server. */
export function capabilities(): object {
  return {
    supported_models: [
      { name: 'autonet-sr-policy', organization: 'Autonet', version: '2026-11-22' },
      { name: 'openconfig-interfaces', organization: 'OpenConfig working group', version: '3.8.1' },
    ],
    supported_encodings: ['JSON_IETF', 'PROTO'],
    gNMI_version: '0.10.0',
  };
}
