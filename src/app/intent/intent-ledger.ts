import { Inject, Injectable } from '@nestjs/common';
import { BandwidthLedger } from '../../core/intent';
import type { Reservation } from '../../core/model/intent';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStore } from '../../ports/intent-store.port';
import { NETWORK_MODEL } from './intent.tokens';
import type { NetworkModel } from './intent.tokens';

/**
 * The in-memory mirror of the stored reservations and slices (ADR 0033). The store is the truth; this process
 * is its only writer, so the mirror is loaded once at start and updated right after each committed
 * transaction. Admission re-checks against it inside the transaction, with no await in between.
 */
@Injectable()
export class IntentLedger {
  readonly ledger: BandwidthLedger;

  /** Stored reservations on arcs the current topology does not have (the topology file changed). */
  readonly orphaned: readonly Reservation[];

  constructor(@Inject(NETWORK_MODEL) network: NetworkModel, @Inject(INTENT_STORE) store: IntentStore) {
    const arcs = new Set<string>([...network.topology.arcs()].map((a) => a.id));
    const all = store.reservations();
    this.orphaned = all.filter((r) => !arcs.has(r.arc));
    this.ledger = new BandwidthLedger(
      network.topology,
      store.listSlices(),
      all.filter((r) => arcs.has(r.arc)),
    );
  }
}
