/**
 * linkDown/linkUp notifications (IF-MIB, SNMPv2-Trap-PDU) for oper-status changes. Varbinds follow RFC 2863:
 * ifIndex, ifAdminStatus, ifOperStatus, plus ifName (as vendors append it). The community is the NE id unless
 * the target configures one, so a receiver on one host can tell the simulated NEs apart.
 */
import { netSnmp, type SnmpVarbind, type TrapSession } from './net-snmp.facade';
import { OID } from './if-mib';

export interface TrapTarget {
  readonly host: string;
  readonly port: number;
  readonly community?: string;
}

export interface LinkTrap {
  readonly ne: string;
  readonly up: boolean;
  readonly ifIndex: number;
  readonly ifName: string;
  readonly adminUp: boolean;
  readonly upTimeTicks: number;
}

const T = netSnmp.ObjectType;

export function linkTrapVarbinds(t: LinkTrap): SnmpVarbind[] {
  return [
    { oid: `1.3.6.1.2.1.2.2.1.1.${t.ifIndex}`, type: T.Integer, value: t.ifIndex },
    { oid: `1.3.6.1.2.1.2.2.1.7.${t.ifIndex}`, type: T.Integer, value: t.adminUp ? 1 : 2 },
    { oid: `1.3.6.1.2.1.2.2.1.8.${t.ifIndex}`, type: T.Integer, value: t.up ? 1 : 2 },
    { oid: `${OID.ifXEntry}.1.${t.ifIndex}`, type: T.OctetString, value: t.ifName },
  ];
}

export class TrapSender {
  /** One session per community (net-snmp fixes the community per session); bounded by the NE count. */
  private readonly sessions = new Map<string, TrapSession>();
  sent = 0;
  failed = 0;

  constructor(private readonly target: TrapTarget) {}

  send(t: LinkTrap): void {
    const session = this.session(this.target.community ?? t.ne);
    // sysUpTime 0 would make net-snmp substitute the process uptime; 1 tick is the earliest honest value.
    const upTime = Math.max(1, t.upTimeTicks);
    session.trap(t.up ? OID.linkUp : OID.linkDown, linkTrapVarbinds(t), { upTime }, (error) => {
      if (error) this.failed++;
      else this.sent++;
    });
  }

  close(): void {
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }

  private session(community: string): TrapSession {
    let s = this.sessions.get(community);
    if (!s) {
      s = netSnmp.createSession(this.target.host, community, {
        port: this.target.port,
        trapPort: this.target.port,
        version: netSnmp.Version2c,
        transport: this.target.host.includes(':') ? 'udp6' : 'udp4',
      });
      s.on('error', () => this.failed++);
      this.sessions.set(community, s);
    }
    return s;
  }
}
