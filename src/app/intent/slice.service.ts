import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, InfeasibleError, InvalidIntentError, NotFoundError } from '../../core/errors';
import type { SliceSpec } from '../../core/model/intent';
import { SHARED_POOL } from '../../core/model/intent';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStore } from '../../ports/intent-store.port';
import { IntentLedger } from './intent-ledger';
import { IntentRecords } from './intent-records';

/** Slices: named pools of every arc's capacity (ADR 0033). Created and deleted atomically with an audit entry. */
@Injectable()
export class SliceService {
  constructor(
    @Inject(INTENT_STORE) private readonly store: IntentStore,
    private readonly ledgerState: IntentLedger,
    private readonly records: IntentRecords,
  ) {}

  list(): SliceSpec[] {
    return this.store.listSlices().sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): SliceSpec {
    const slice = this.store.getSlice(name);
    if (!slice) throw new NotFoundError(`slice service: no slice '${name}'`, { element: name });
    return slice;
  }

  create(slice: SliceSpec, actor = 'api'): SliceSpec {
    if (slice.name === SHARED_POOL) {
      throw new InvalidIntentError(`slice service: '${SHARED_POOL}' is the name of the default pool`, {
        path: 'name',
      });
    }
    if (slice.isolation !== 'shared' && slice.bandwidthShare === undefined) {
      throw new InvalidIntentError(
        `slice '${slice.name}': ${slice.isolation} isolation needs a bandwidth share`,
        {
          path: 'bandwidth-share',
        },
      );
    }
    const { ledger } = this.ledgerState;
    this.store.transaction((tx) => {
      if (tx.getSlice(slice.name))
        throw new ConflictError(`slice service: slice '${slice.name}' exists`, { element: slice.name });
      const check = ledger.checkSlice(slice);
      if (!check.ok) {
        const detail = `arc ${check.arc} pool '${check.pool}': ${check.requestedMbps} Mbit/s held, room for ${check.freeMbps}`;
        throw new InfeasibleError(`slice '${slice.name}' does not fit: ${detail}`, [
          { constraint: 'bandwidth-share', detail, elements: [check.arc] },
        ]);
      }
      tx.putSlice(slice);
      this.records.audit(tx, actor, 'slice-create', slice.name, slice);
    });
    ledger.setSlice(slice);
    return slice;
  }

  delete(name: string, actor = 'api'): void {
    this.store.transaction((tx) => {
      if (!tx.getSlice(name)) throw new NotFoundError(`slice service: no slice '${name}'`, { element: name });
      const users = tx.listIntents().filter((i) => i.spec.slice === name);
      if (users.length > 0) {
        throw new ConflictError(
          `slice '${name}' is used by ${users.length} intent(s): ${users
            .slice(0, 5)
            .map((i) => i.spec.name)
            .join(', ')}`,
          { element: name },
        );
      }
      tx.deleteSlice(name);
      this.records.audit(tx, actor, 'slice-delete', name, {});
    });
    this.ledgerState.ledger.removeSlice(name);
  }
}
