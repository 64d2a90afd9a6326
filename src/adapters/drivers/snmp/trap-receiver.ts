/**
 * SNMP notification receiver in its own worker thread, so a trap flood cannot stall the main event loop.
 * The worker runs net-snmp's Receiver on a socket with a large SO_RCVBUF, keeps only linkDown/linkUp
 * (IF-MIB), and posts them to the main thread in batches every `batchMs`; beyond `maxQueue` pending events
 * it drops and counts. The worker body is plain JavaScript (below) so it runs the same from `dist/` and
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
  readonly received: number;
  readonly ignored: number;
  readonly rejected: number;
  readonly dropped: number;
}

export interface TrapReceiverOptions {
  readonly host?: string;
  /** UDP port; 0 picks a free one. */
  readonly port: number;
  readonly recvBufferBytes?: number;
  readonly batchMs?: number;
  readonly maxQueue?: number;
  readonly onTraps: (events: readonly LinkTrapEvent[]) => void;
}

type WorkerMessage =
  | { type: 'listening'; port: number }
  | { type: 'error'; message: string }
  | { type: 'traps'; events: LinkTrapEvent[]; stats: TrapReceiverStats }
  | { type: 'closed' };

const WORKER_SOURCE = String.raw`
const { parentPort, workerData: w } = require('node:worker_threads');
const dgram = require('node:dgram');
const snmp = require(w.netSnmpPath);
const LINK_DOWN = '1.3.6.1.6.3.1.1.5.3', LINK_UP = '1.3.6.1.6.3.1.1.5.4';
const stats = { received: 0, ignored: 0, rejected: 0, dropped: 0 };
let queue = [];
const dgramModule = {
  createSocket(type) {
    const s = dgram.createSocket({ type, recvBufferSize: w.recvBufferBytes });
    const bind = s.bind.bind(s);
    s.bind = () => bind(w.port, w.host);
    s.once('listening', () => parentPort.postMessage({ type: 'listening', port: s.address().port }));
    s.once('error', (e) => parentPort.postMessage({ type: 'error', message: String(e && e.message) }));
    return s;
  },
};
const find = (vbs, prefix) => vbs.find((v) => typeof v.oid === 'string' && v.oid.startsWith(prefix));
const receiver = snmp.createReceiver(
  { port: w.port || 162, address: w.host, transport: w.host.includes(':') ? 'udp6' : 'udp4',
    disableAuthorization: true, includeAuthentication: true, dgramModule },
  (error, n) => {
    if (error) { stats.rejected++; return; }
    stats.received++;
    const vbs = (n && n.pdu && n.pdu.varbinds) || [];
    const trapOid = (find(vbs, '1.3.6.1.6.3.1.1.4.1.0') || {}).value;
    if (trapOid !== LINK_DOWN && trapOid !== LINK_UP) { stats.ignored++; return; }
    const ref = find(vbs, '1.3.6.1.2.1.2.2.1.1.') || find(vbs, '1.3.6.1.2.1.2.2.1.8.');
    const ifIndex = ref ? Number(ref.oid.split('.').pop()) : NaN;
    if (!Number.isInteger(ifIndex)) { stats.ignored++; return; }
    if (queue.length >= w.maxQueue) { stats.dropped++; return; }
    const name = find(vbs, '1.3.6.1.2.1.31.1.1.1.1.');
    queue.push({ community: n.pdu.community || (n.pdu.user && n.pdu.user.name), address: n.rinfo.address,
      up: trapOid === LINK_UP, ifIndex, ifName: name ? String(name.value) : undefined });
  });
const flush = () => {
  if (queue.length === 0) return;
  parentPort.postMessage({ type: 'traps', events: queue, stats });
  queue = [];
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
  private latest: TrapReceiverStats = { received: 0, ignored: 0, rejected: 0, dropped: 0 };

  private constructor(
    private readonly worker: Worker,
    readonly port: number,
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
      },
    });
    return new Promise((resolve, reject) => {
      let receiver: SnmpTrapReceiver | undefined;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'listening') {
          receiver = new SnmpTrapReceiver(worker, m.port);
          resolve(receiver);
        } else if (m.type === 'error' && !receiver) {
          void worker.terminate();
          reject(new Error(`snmp trap receiver: ${m.message}`));
        } else if (m.type === 'traps' && receiver) {
          receiver.latest = m.stats;
          options.onTraps(m.events);
        }
      });
      worker.once('error', (e) => (receiver ? undefined : reject(e)));
    });
  }

  stats(): TrapReceiverStats {
    return this.latest;
  }

  async close(): Promise<void> {
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
    await this.worker.terminate();
  }
}
