/**
 * The contract between the simulator's engine (simulators/engine) and its protocol front ends
 * (simulators/gnmi, simulators/snmp). Front ends only read state and register listeners through this
 * interface; the engine owns forwarding, traffic and faults. Times are simulated milliseconds since the epoch.
 */

export interface SimInterfaceState {
  /** Interface name, unique per NE, e.g. 'eth3' (OpenConfig interface name, SNMP ifName/ifDescr). */
  readonly name: string;
  /** SNMP ifIndex, 1-based, stable for the run. */
  readonly ifIndex: number;
  /** The topology link and the neighbour NE this interface faces. */
  readonly linkId: string;
  readonly peer: string;
  readonly speedMbps: number;
  readonly adminUp: boolean;
  readonly operUp: boolean;
  /** Simulated time of the last oper-status change (ms). */
  readonly lastChangeMs: number;
  readonly inOctets: bigint;
  readonly outOctets: bigint;
  readonly inPkts: bigint;
  readonly outPkts: bigint;
  readonly inErrors: bigint;
  readonly outErrors: bigint;
  readonly inDiscards: bigint;
  readonly outDiscards: bigint;
  readonly inFcsErrors: bigint;
}

export interface SimNodeState {
  readonly id: string;
  readonly name: string;
  /** Legacy NEs speak SNMP only (no gNMI). */
  readonly legacy: boolean;
  readonly up: boolean;
  readonly cpuPct: number;
  readonly memPct: number;
  readonly interfaces: readonly SimInterfaceState[];
}

/**
 * End-to-end probe result of one SR policy over the last interval (STAMP-like): what the probe session
 * measured (binomial loss of `probesSent` packets, noisy delay), not the path model's exact values.
 */
export interface SimProbeState {
  readonly policy: string;
  readonly headend: string;
  readonly timestampMs: number;
  readonly delayUs: number;
  readonly jitterUs: number;
  /** 100 × probesLost ÷ probesSent (the model's exact value when probesSent is 0: ideal probes). */
  readonly lossPct: number;
  readonly probesSent: number;
  readonly probesLost: number;
}

/** Per-headend traffic counters of one SR policy (monotonic while the policy is installed). */
export interface SimPolicyCounters {
  readonly policy: string;
  readonly outOctets: bigint;
  readonly outPkts: bigint;
}

/** Per-headend counters of IGP-routed traffic towards one destination node (monotonic). */
export interface SimDestinationCounters {
  readonly destination: string;
  readonly outOctets: bigint;
}

/** RFC 7951 JSON of one `autonet-sr-policy` policy list entry, as received in a gNMI Set. */
export interface SrPolicyJson {
  readonly name: string;
  readonly headend: string;
  readonly color: number;
  readonly endpoint: string;
  readonly 'binding-sid'?: string;
  /** A probe-only policy is probed but never steered into (autonet-sr-policy leaf `probe-only`). */
  readonly 'probe-only'?: boolean;
  readonly 'candidate-path': readonly {
    readonly preference: number;
    readonly 'segment-list': readonly {
      /** YANG list key (config lists need one); absent in older documents. */
      readonly index?: number;
      readonly weight: number;
      readonly segment: readonly { readonly index: number; readonly sid: string }[];
    }[];
  }[];
}

export type SimSetResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface SimSource {
  /** Ids of every NE in the simulated network. */
  nodeIds(): readonly string[];
  node(id: string): SimNodeState | undefined;
  /** Current simulated time (ms since the epoch). */
  nowMs(): number;
  probes(headend: string): readonly SimProbeState[];
  /** Traffic steered into each installed SR policy of a headend, and IGP-routed traffic per destination. */
  policyCounters?(headend: string): readonly SimPolicyCounters[];
  destinationCounters?(ne: string): readonly SimDestinationCounters[];
  /** Called after every simulation tick, once state is consistent. Returns an unsubscribe function. */
  onTick(listener: (nowMs: number) => void): () => void;
  /** Called when an interface's oper-status changes (link down/up, flap, node down). */
  onOperStatus(listener: (ne: string, ifName: string, up: boolean, nowMs: number) => void): () => void;
  /** Install or replace SR policies on a headend (validated by the engine: SIDs must exist). */
  setPolicies(headend: string, policies: readonly SrPolicyJson[]): SimSetResult;
  deletePolicy(headend: string, name: string): SimSetResult;
  policies(headend: string): readonly SrPolicyJson[];
  /** True while a telemetry-gap fault silences this NE's telemetry (front ends stop answering/streaming). */
  telemetrySilent?(ne: string): boolean;
}
