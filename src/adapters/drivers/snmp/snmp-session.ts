/**
 * Per-NE SNMP session state: the net-snmp session (v2c or v3 USM), the driver session state shown in
 * `status()`, and exponential backoff after timeouts or errors (the session is recreated after a failure, so
 * a rebooted v3 agent is rediscovered).
 */
import type { NodeId } from '../../../core/model/ids';
import type { DriverSessionState, DriverStatus } from '../../../ports/ne-driver.port';
import { netSnmp, type ClientSession } from './net-snmp.facade';

export interface SnmpV3Credentials {
  readonly user: string;
  readonly authKey: string;
  readonly privKey: string;
  readonly authProtocol?: 'sha' | 'sha256' | 'md5';
  readonly privProtocol?: 'aes' | 'aes256b' | 'des';
  /** SNMPv3 context name (a multi-NE agent selects the NE by it, as the Autonet simulator does). */
  readonly context?: string;
}

export interface SnmpTargetConfig {
  readonly ne: NodeId;
  readonly host: string;
  readonly port?: number;
  /** v2c with `community` (default: the NE id), or v3 authPriv with `v3`. */
  readonly community?: string;
  readonly v3?: SnmpV3Credentials;
  /** Community that traps from this NE carry (default: `community`, else the NE id). */
  readonly trapCommunity?: string;
}

export interface SessionTiming {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
}

export class SnmpNeSession {
  private session: ClientSession | undefined;
  private state: DriverSessionState = 'connecting';
  private failures = 0;
  private retryAtMs = 0;
  private lastError: string | undefined;

  constructor(
    readonly target: SnmpTargetConfig,
    private readonly timing: SessionTiming,
  ) {}

  get ne(): NodeId {
    return this.target.ne;
  }

  /** False while backing off after a failure. */
  ready(nowMs: number): boolean {
    return this.state !== 'backoff' || nowMs >= this.retryAtMs;
  }

  /** Run one exchange on the session, updating state and backoff. Rethrows the failure. */
  async use<T>(nowMs: () => number, exchange: (session: ClientSession) => Promise<T>): Promise<T> {
    try {
      const result = await exchange(this.open());
      if (this.state === 'down') return result; // closed meanwhile
      this.state = 'up';
      this.failures = 0;
      this.lastError = undefined;
      return result;
    } catch (error) {
      if (this.state === 'down') throw error; // closed meanwhile
      this.failures++;
      this.lastError = error instanceof Error ? error.message : String(error);
      const delay = Math.min(
        this.timing.backoffMaxMs,
        this.timing.backoffInitialMs * 2 ** (this.failures - 1),
      );
      this.state = 'backoff';
      this.retryAtMs = nowMs() + delay;
      this.reset();
      throw error;
    }
  }

  status(protocol: string): DriverStatus {
    return {
      ne: this.ne,
      protocol,
      state: this.state,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  close(): void {
    this.reset();
    this.state = 'down';
  }

  private reset(): void {
    this.session?.close();
    this.session = undefined;
  }

  private open(): ClientSession {
    if (this.session) return this.session;
    const t = this.target;
    const options = {
      port: t.port ?? 161,
      retries: this.timing.retries,
      timeout: this.timing.timeoutMs,
      transport: t.host.includes(':') ? ('udp6' as const) : ('udp4' as const),
    };
    const session = t.v3
      ? netSnmp.createV3Session(
          t.host,
          {
            name: t.v3.user,
            level: netSnmp.SecurityLevel.authPriv,
            authProtocol: netSnmp.AuthProtocols[t.v3.authProtocol ?? 'sha'],
            authKey: t.v3.authKey,
            privProtocol: netSnmp.PrivProtocols[t.v3.privProtocol ?? 'aes'],
            privKey: t.v3.privKey,
          },
          { ...options, context: t.v3.context ?? '' },
        )
      : netSnmp.createSession(t.host, t.community ?? t.ne, { ...options, version: netSnmp.Version2c });
    session.on('error', (e) => (this.lastError = e.message));
    this.session = session;
    return session;
  }
}
