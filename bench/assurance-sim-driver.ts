import type { SimEngine } from '../simulators/engine';
import { policyFromJson } from '../src/adapters/drivers/gnmi/gnmi.mapping';
import { srPolicyToJson } from '../src/adapters/yang/sr-policy-json.mapping';
import type { NodeId } from '../src/core/model/ids';
import type {
  DriverStatus,
  NeDriver,
  ResourceResult,
  SrPolicyConfig,
  TelemetrySample,
  TelemetrySubscription,
} from '../src/ports/ne-driver.port';

/**
 * The in-process simulator behind the controller's southbound port, for bench/assurance.bench.ts: SR policy
 * Set/Get/Delete go to `engine.setPolicies`/`policies` as the gNMI front end would apply them (a down NE
 * does not answer; one silenced by a telemetry-gap fault answers Get/Set but streams nothing), and `samples()` produces, after each engine step,
 * what the gNMI subscriptions stream: SAMPLE interface counters and STAMP probe results of every reporting
 * NE, ON_CHANGE oper-status at the moment it changed, and a full oper-status sync when an NE (re)connects.
 */
export class SimNeDriver implements NeDriver {
  readonly protocol = 'sim-in-process';
  private readonly pendingOper: TelemetrySample[] = [];
  /** NEs streaming in the previous interval (a newly streaming NE gets a sync of its oper-status). */
  private readonly streaming = new Set<string>();
  sets = 0;

  constructor(private readonly engine: SimEngine) {
    engine.onOperStatus((ne, ifName, up, nowMs) => {
      if (!this.streams(ne)) return;
      this.pendingOper.push({
        kind: 'oper-status',
        ne: ne as NodeId,
        interface: ifName,
        timestampNs: BigInt(nowMs) * 1_000_000n,
        status: up ? 'up' : 'down',
      });
    });
  }

  /** Whether the NE answers Get/Set (the simulator's gNMI target refuses only when the node is down). */
  answers(ne: string): boolean {
    return this.engine.nodeStatus(ne)?.up ?? false;
  }

  /** Whether the NE streams telemetry (up, and not silenced by a telemetry-gap fault). */
  streams(ne: string): boolean {
    return this.answers(ne) && !this.engine.telemetrySilent(ne);
  }

  targets(): readonly NodeId[] {
    return this.engine.nodeIds() as NodeId[];
  }

  setPolicies(policies: readonly SrPolicyConfig[]): Promise<ResourceResult[]> {
    this.sets += 1;
    const byHead = new Map<string, SrPolicyConfig[]>();
    for (const p of policies) byHead.set(p.headend, [...(byHead.get(p.headend) ?? []), p]);
    const out: ResourceResult[] = [];
    for (const [h, ps] of byHead) {
      const resources = ps.map((p) => `${h}/${p.name}`);
      if (!this.answers(h)) {
        for (const resource of resources)
          out.push({ resource, ok: false, error: { code: 'UNAVAILABLE', message: `${h} does not answer` } });
        continue;
      }
      const names = new Set(ps.map((p) => p.name));
      const kept = this.engine.policies(h).filter((j) => !names.has(j.name));
      const r = this.engine.setPolicies(h, [...kept, ...ps.map((p) => srPolicyToJson(p))]);
      for (const resource of resources)
        out.push(
          r.ok
            ? { resource, ok: true, value: undefined }
            : { resource, ok: false, error: { code: 'INVALID_ARGUMENT', message: r.message } },
        );
    }
    return Promise.resolve(out);
  }

  deletePolicies(
    refs: readonly { readonly headend: NodeId; readonly name: string }[],
  ): Promise<ResourceResult[]> {
    return Promise.resolve(
      refs.map((r): ResourceResult => {
        const resource = `${r.headend}/${r.name}`;
        if (!this.answers(r.headend))
          return {
            resource,
            ok: false,
            error: { code: 'UNAVAILABLE', message: `${r.headend} does not answer` },
          };
        if (!this.engine.policies(r.headend).some((j) => j.name === r.name))
          return { resource, ok: true, value: undefined };
        const d = this.engine.deletePolicy(r.headend, r.name);
        return d.ok
          ? { resource, ok: true, value: undefined }
          : { resource, ok: false, error: { code: 'INTERNAL', message: d.message } };
      }),
    );
  }

  getPolicies(headends: readonly NodeId[]): Promise<ResourceResult<readonly SrPolicyConfig[]>[]> {
    return Promise.resolve(
      headends.map((h): ResourceResult<readonly SrPolicyConfig[]> =>
        this.answers(h)
          ? { resource: h, ok: true, value: this.engine.policies(h).map((j) => policyFromJson(j, h)) }
          : { resource: h, ok: false, error: { code: 'UNAVAILABLE', message: `${h} does not answer` } },
      ),
    );
  }

  /** Telemetry is pulled by the bench in lock step with the engine (see samples()), not pushed. */
  subscribe(): Promise<TelemetrySubscription> {
    return Promise.resolve({ close: () => Promise.resolve() });
  }

  status(): readonly DriverStatus[] {
    return this.targets().map((ne) => ({
      ne,
      protocol: this.protocol,
      state: this.answers(ne) ? 'up' : 'down',
    }));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Everything the controller receives for the interval that just ended (call once after each step). */
  samples(): TelemetrySample[] {
    const e = this.engine;
    const now = e.nowMs();
    const ts = BigInt(now) * 1_000_000n;
    const out: TelemetrySample[] = this.pendingOper.splice(0);
    for (const ne of e.nodeIds()) {
      if (!this.streams(ne)) {
        this.streaming.delete(ne);
        continue;
      }
      const id = ne as NodeId;
      const node = e.node(ne)!;
      const fresh = !this.streaming.has(ne);
      this.streaming.add(ne);
      for (const i of node.interfaces) {
        if (fresh)
          out.push({
            kind: 'oper-status',
            ne: id,
            interface: i.name,
            timestampNs: ts,
            status: i.operUp ? 'up' : 'down',
          });
        out.push({
          kind: 'interface-counters',
          ne: id,
          interface: i.name,
          timestampNs: ts,
          inOctets: i.inOctets,
          outOctets: i.outOctets,
          inPkts: i.inPkts,
          outPkts: i.outPkts,
          inErrors: i.inErrors,
          inDiscards: i.inDiscards,
          outDiscards: i.outDiscards,
          inFcsErrors: i.inFcsErrors,
        });
      }
      for (const p of e.probes(ne)) {
        out.push({
          kind: 'probe',
          ne: id,
          policy: p.policy,
          timestampNs: BigInt(p.timestampMs) * 1_000_000n,
          delayUs: p.delayUs,
          jitterUs: p.jitterUs,
          lossPct: p.lossPct,
          probesSent: p.probesSent,
          probesLost: p.probesLost,
        });
      }
    }
    return out;
  }
}
