/**
 * MIB trees shared by every NE with the same set of ifIndexes ("shape"). The npm agent walks a MIB tree of
 * instance nodes; the values in it are placeholders and every provider has a handler that writes the live
 * value of the NE being served (read from the SimSource once per request) just before the agent reads it.
 * Memory is O(shapes × interfaces), not O(NEs × interfaces): see docs/adr/0060-snmp-agent-shared-mib.md.
 */
import {
  netSnmp,
  type Mib,
  type MibRequest,
  type ScalarProvider,
  type TableProvider,
} from './net-snmp.facade';
import {
  IF_TABLE_COLUMNS,
  IF_X_TABLE_COLUMNS,
  OID,
  placeholder,
  sysUpTimeTicks,
  type ColumnSpec,
  type NeView,
} from './if-mib';

const { ObjectType: T, MibProviderType, MaxAccess } = netSnmp;

export class MibShapes {
  private readonly mibs = new Map<string, Mib>();

  /** `current` returns the NE being served by the request in progress (requests are handled synchronously). */
  constructor(private readonly current: () => NeView | undefined) {}

  get size(): number {
    return this.mibs.size;
  }

  forView(view: NeView): Mib {
    const indexes = [...view.byIndex.keys()].sort((a, b) => a - b);
    const key = indexes.join(',');
    let mib = this.mibs.get(key);
    if (!mib) {
      mib = this.build(indexes);
      this.mibs.set(key, mib);
    }
    return mib;
  }

  private build(indexes: readonly number[]): Mib {
    const mib = netSnmp.createMib();
    for (const p of this.scalars()) {
      mib.registerProvider(p);
      mib.setScalarValue(p.name, placeholder(p.scalarType));
    }
    const ifTable = this.table('ifTable', OID.ifEntry, IF_TABLE_COLUMNS);
    ifTable.tableIndex = [{ columnName: 'ifIndex' }];
    const ifXTable = this.table('ifXTable', OID.ifXEntry, IF_X_TABLE_COLUMNS);
    ifXTable.tableAugments = 'ifTable';
    mib.registerProvider(ifTable);
    mib.registerProvider(ifXTable);
    for (const ifIndex of indexes) {
      mib.addTableRow(
        'ifTable',
        IF_TABLE_COLUMNS.map((c) => (c.number === 1 ? ifIndex : placeholder(c.type))),
      );
      mib.addTableRow('ifXTable', [ifIndex, ...IF_X_TABLE_COLUMNS.map((c) => placeholder(c.type))]);
    }
    // The agent reads the whole row of every table cell it serves, twice, only to report it to its callback;
    // nothing here uses that, and skipping it makes table walks about twice as fast (bench/snmp.bench.ts).
    mib.getTableRowCells = () => null;
    return mib;
  }

  private scalars(): ScalarProvider[] {
    const scalar = (
      name: string,
      oid: string,
      scalarType: number,
      value: (view: NeView) => unknown,
    ): ScalarProvider => ({
      name,
      oid,
      scalarType,
      type: MibProviderType.Scalar,
      maxAccess: MaxAccess['read-only'],
      handler: (request) => this.serve(request, value),
    });
    return [
      scalar('sysDescr', OID.sysDescr, T.OctetString, (v) => `Autonet simulated NE ${v.node.name} (SRv6)`),
      scalar('sysUpTime', OID.sysUpTime, T.TimeTicks, sysUpTimeTicks),
      scalar('sysName', OID.sysName, T.OctetString, (v) => v.node.name),
      scalar('ifNumber', OID.ifNumber, T.Integer, (v) => v.byIndex.size),
      // SNMP-FRAMEWORK-MIB snmpEngine group, as every agent has: it also ends IF-MIB walks cleanly.
      scalar('snmpEngineBoots', OID.snmpEngineBoots, T.Integer, () => 1),
      scalar('snmpEngineTime', OID.snmpEngineTime, T.Integer, (v) => Math.floor((v.nowMs - v.bootMs) / 1000)),
    ];
  }

  private table(name: string, oid: string, columns: readonly ColumnSpec[]): TableProvider {
    const byNumber = new Map(columns.map((c) => [c.number, c]));
    return {
      name,
      oid,
      type: MibProviderType.Table,
      maxAccess: MaxAccess['not-accessible'],
      tableColumns: columns.map((c) => ({
        number: c.number,
        name: c.name,
        type: c.type,
        maxAccess: MaxAccess['read-only'],
      })),
      handler: (request) =>
        this.serve(request, (view) => {
          const { address } = request;
          const itf = view.byIndex.get(address[address.length - 1] ?? 0);
          const column = byNumber.get(address[address.length - 2] ?? 0);
          return itf && column ? column.value(itf, view) : undefined;
        }),
    };
  }

  private serve(request: MibRequest, value: (view: NeView) => unknown): void {
    const view = this.current();
    const v = view ? value(view) : undefined;
    if (v !== undefined) request.instanceNode.value = v;
    request.done();
  }
}
