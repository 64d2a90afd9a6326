/**
 * GetBulk as RFC 3416 §4.2.3 specifies it. The npm agent caps the whole response at max-repetitions varbinds
 * (not max-repetitions per repeater) and pads the end of the MIB with endOfMibView up to that cap, which
 * `snmpbulkwalk` prints and which makes multi-column polls take one round trip per row. Here: N non-repeaters,
 * then up to M rows of R repeaters, stopping when every repeater has reached the end of the MIB view.
 */
import { netSnmp, type Agent, type AgentMessage, type SnmpVarbind } from './net-snmp.facade';

/** Keeps a response well under the 65 507-byte UDP limit (a Counter64 varbind is ~30 bytes). */
export const MAX_BULK_VARBINDS = 1000;

export function bulkVarbinds(agent: Agent, message: AgentMessage): SnmpVarbind[] {
  const requested = message.pdu.varbinds;
  const nonRepeaters = Math.min(Math.max(0, message.pdu.nonRepeaters ?? 0), requested.length);
  const maxRepetitions = Math.max(0, message.pdu.maxRepetitions ?? 0);
  const out: SnmpVarbind[] = [];
  for (let n = 0; n < nonRepeaters; n++) agent.addGetNextVarbind(out, requested[n]?.oid ?? '1.3.6.1');
  const cursors = requested.slice(nonRepeaters).map((v) => v.oid);
  const ended = cursors.map(() => false);
  for (let r = 0; r < maxRepetitions && !ended.every(Boolean); r++) {
    if (out.length + cursors.length > MAX_BULK_VARBINDS) break;
    cursors.forEach((oid, c) => {
      if (ended[c]) {
        out.push({ oid, type: netSnmp.ObjectType.EndOfMibView, value: null });
        return;
      }
      const next = agent.addGetNextVarbind(out, oid);
      if (next) cursors[c] = next.oid;
      else ended[c] = true;
    });
  }
  return out;
}
