/**
 * SNMP notification receiver in its own worker thread, so a trap flood cannot stall the main event loop.
 * The worker runs net-snmp's Receiver on a socket with a large SO_RCVBUF, keeps only linkDown/linkUp
 * (IF-MIB), and posts them to the main thread in batches every `batchMs`; beyond `maxQueue` pending events
 * it drops and counts. Authorisation is on: only the configured v2c communities and SNMPv3 users are
 * accepted, anything else is refused and counted (`unauthorized`). Errors after start (socket, worker exit,
 * a throwing consumer) are counted, kept as `lastError`, handed to `onError` and turn `state` to `down`
 * when the worker is gone. The worker body is plain JavaScript (below) so it runs the same from `dist/` and
 * under ts-jest/swc, where a `.ts` worker file could not be loaded.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface LinkTrapEvent {
  /** v2c community or v3 user name the trap carried. */
  readonly community?: string;
  /** Sender address (what a real collector maps to an NE). */
  readonly address: string;
  readonly up: boolean;
  readonly ifIndex: number;
  readonly ifName?: string;
}

export interface TrapReceiverStats {
  /** Authorised notifications (linkDown/linkUp or not). */
  readonly received: number;
  /** Authorised but not linkDown/linkUp with an ifIndex. */
  readonly ignored: number;
  /** Malformed or unprocessable messages. */
  readonly rejected: number;
  /** Unknown community, unknown v3 user, wrong keys: refused. */
  readonly unauthorized: number;
  /** Beyond `maxQueue` pending events. */
  readonly dropped: number;
  /** Errors after start: socket, worker, consumer. */
  readonly errors: number;
  readonly state: 'up' | 'down';
  readonly lastError?: string;
}

/** An SNMPv3 user allowed to send notifications (authPriv). */
export interface TrapV3User {
  readonly name: string;
  readonly authProtocol?: 'sha' | 'sha256' | 'md5';
  readonly authKey: string;
  readonly privProtocol?: 'aes' | 'aes256b' | 'des';
  readonly privKey: string;
}

export interface TrapReceiverOptions {
  readonly host?: string;
  /** UDP port; 0 picks a free one. */
  readonly port: number;
  readonly recvBufferBytes?: number;
  readonly batchMs?: number;
  readonly maxQueue?: number;
  /** v2c communities accepted (authorisation is always on: none configured and no users refuses all). */
  readonly communities?: readonly string[];
  readonly users?: readonly TrapV3User[];
  readonly onTraps: (events: readonly LinkTrapEvent[]) => void;
  /** Every error after start (for the log); default: a process warning. */
  readonly onError?: (message: string) => void;
}

type WorkerStats = Omit<TrapReceiverStats, 'errors' | 'state' | 'lastError'>;

type WorkerMessage =
  | { type: 'listening'; port: number }
  | { type: 'error'; message: string }
  | { type: 'traps'; events: LinkTrapEvent[]; stats: WorkerStats }
  | { type: 'closed' };

const WORKER_SOURCE = String.raw`
const { parentPort, workerData: w } = require('node:worker_threads');
const dgram = require('node:dgram');
const snmp = require(w.netSnmpPath);
const LINK_DOWN = '1.3.6.1.6.3.1.1.5.3', LINK_UP = '1.3.6.1.6.3.1.1.5.4';
const stats = { received: 0, ignored: 0, rejected: 0, unauthorized: 0, dropped: 0 };
let queue = [];
let changed = false;
const dgramModule = {
  createSocket(type) {
    const s = dgram.createSocket({ type, recvBufferSize: w.recvBufferBytes });
    const bind = s.bind.bind(s);
    s.bind = () => bind(w.port, w.host);
    s.once('listening', () => parentPort.postMessage({ type: 'listening', port: s.address().port }));
    s.on('error', (e) => parentPort.postMessage({ type: 'error', message: String(e && e.message) }));
    return s;
  },
};
const isAuthFailure = (e) => e.name === 'RequestFailedError' ||
  (e.name === 'ResponseInvalidError' && /digest|authenticat|decrypt|privacy/i.test(String(e.message)));
const find = (vbs, prefix) => vbs.find((v) => typeof v.oid === 'string' && v.oid.startsWith(prefix));
const receiver = snmp.createReceiver(
  { port: w.port || 162, address: w.host, transport: w.host.includes(':') ? 'udp6' : 'udp4',
    disableAuthorization: false, includeAuthentication: true, dgramModule },
  (error, n) => {
    changed = true;
    // Unknown community/user (RequestFailedError), wrong auth digest or keys: refused; the rest is malformed.
    if (error) { if (isAuthFailure(error)) stats.unauthorized++; else stats.rejected++; return; }
    stats.received++;
    const vbs = (n && n.pdu && n.pdu.varbinds) || [];
    const trapOid = (find(vbs, '1.3.6.1.6.3.1.1.4.1.0') || {}).value;
    if (trapOid !== LINK_DOWN && trapOid !== LINK_UP) { stats.ignored++; return; }
    const ref = find(vbs, '1.3.6.1.2.1.2.2.1.1.') || find(vbs, '1.3.6.1.2.1.2.2.1.8.');
    const ifIndex = ref ? Number(ref.oid.split('.').pop()) : NaN;
    if (!Number.isInteger(ifIndex)) { stats.ignored++; return; }
    if (queue.length >= w.maxQueue) { stats.dropped++; return; }
    const name = find(vbs, '1.3.6.1.2.1.31.1.1.1.1.');
    const user = typeof n.pdu.user === 'string' ? n.pdu.user : n.pdu.user && n.pdu.user.name;
    queue.push({ community: n.pdu.community || user, address: n.rinfo.address,
      up: trapOid === LINK_UP, ifIndex, ifName: name ? String(name.value) : undefined });
  });
const authorizer = receiver.getAuthorizer();
for (const c of w.communities) authorizer.addCommunity(c);
for (const u of w.users) authorizer.addUser({ name: u.name, level: snmp.SecurityLevel.authPriv,
  authProtocol: snmp.AuthProtocols[u.authProtocol || 'sha'], authKey: u.authKey,
  privProtocol: snmp.PrivProtocols[u.privProtocol || 'aes'], privKey: u.privKey });
const flush = () => {
  if (queue.length === 0 && !changed) return;
  parentPort.postMessage({ type: 'traps', events: queue, stats });
  queue = [];
  changed = false;
};
const timer = setInterval(flush, w.batchMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  flush();
  receiver.close();
  parentPort.postMessage({ type: 'closed' });
});
`;

export class SnmpTrapReceiver {
  private latest: WorkerStats = { received: 0, ignored: 0, rejected: 0, unauthorized: 0, dropped: 0 };
  private errors = 0;
  private lastError: string | undefined;
  private down = false;
  private closing = false;

  private constructor(
    private readonly worker: Worker,
    readonly port: number,
    private readonly onError: (message: string) => void,
  ) {}

  static start(options: TrapReceiverOptions): Promise<SnmpTrapReceiver> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        netSnmpPath: createRequire(__filename).resolve('net-snmp'),
        host: options.host ?? '127.0.0.1',
        port: options.port,
        recvBufferBytes: options.recvBufferBytes ?? 4 * 1024 * 1024,
        batchMs: options.batchMs ?? 20,
        maxQueue: options.maxQueue ?? 10_000,
        communities: [...(options.communities ?? [])],
        users: [...(options.users ?? [])],
      },
    });
    const onError = options.onError ?? ((m: string) => process.emitWarning(m, { code: 'AUTONET_SNMP_TRAP' }));
    return new Promise((resolve, reject) => {
      let receiver: SnmpTrapReceiver | undefined;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'listening') {
          receiver = new SnmpTrapReceiver(worker, m.port, onError);
          resolve(receiver);
        } else if (m.type === 'error') {
          if (receiver) receiver.fail(`snmp trap receiver: ${m.message}`, false);
          else {
            void worker.terminate();
            reject(new Error(`snmp trap receiver: ${m.message}`));
          }
        } else if (m.type === 'traps' && receiver) {
          receiver.latest = m.stats;
          if (m.events.length > 0) receiver.deliver(options.onTraps, m.events);
        }
      });
      worker.once('error', (e) =>
        receiver ? receiver.fail(`snmp trap worker: ${e.message}`, true) : reject(e),
      );
      worker.once('exit', (code) => {
        if (receiver && !receiver.closing) receiver.fail(`snmp trap worker exited (code ${code})`, true);
        else if (!receiver) reject(new Error(`snmp trap worker exited (code ${code}) before listening`));
      });
    });
  }

  stats(): TrapReceiverStats {
    return {
      ...this.latest,
      errors: this.errors,
      state: this.down ? 'down' : 'up',
      ...(this.lastError !== undefined && { lastError: this.lastError }),
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    if (!this.down) {
      const closed = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.worker.on('message', (m: WorkerMessage) => {
          if (m.type === 'closed') {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      this.worker.postMessage('close');
      await closed;
    }
    await this.worker.terminate();
  }

  private deliver(onTraps: TrapReceiverOptions['onTraps'], events: readonly LinkTrapEvent[]): void {
    try {
      onTraps(events);
    } catch (e) {
      this.fail(`snmp trap consumer: ${e instanceof Error ? e.message : String(e)}`, false);
    }
  }

  private fail(message: string, workerGone: boolean): void {
    this.errors++;
    this.lastError = message;
    if (workerGone) this.down = true;
    this.onError(message);
  }
}
