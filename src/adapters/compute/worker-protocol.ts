import { parentPort } from 'node:worker_threads';
import type { ComputeProgress } from '../../ports/compute-pool.port';

/** Messages between the pool (main thread) and a compute worker. */
export type ToWorker =
  | { readonly type: 'load'; readonly version: number; readonly payload: unknown }
  | { readonly type: 'job'; readonly id: number; readonly kind: string; readonly payload: unknown };

export type FromWorker =
  | { readonly type: 'load-failed'; readonly version: number; readonly message: string }
  | { readonly type: 'start'; readonly id: number }
  | { readonly type: 'progress'; readonly id: number; readonly progress: ComputeProgress }
  | { readonly type: 'done'; readonly id: number; readonly value: unknown }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/** What a worker runs: built from the network payload, then called once per job. */
export interface WorkerHandler {
  run(kind: string, payload: unknown, progress: (p: ComputeProgress) => void): unknown;
}

/**
 * The worker side of the protocol: keeps the handler of the latest loaded network and answers jobs in order.
 * A job before any network, or after a network that failed to load, fails with that reason.
 */
export function serveComputeWorker(create: (payload: unknown) => WorkerHandler): void {
  const port = parentPort;
  if (!port) throw new Error('compute worker: not started as a worker thread');
  let handler: WorkerHandler | undefined;
  let missing = 'no network loaded';
  const send = (m: FromWorker): void => port.postMessage(m);
  port.on('message', (m: ToWorker) => {
    if (m.type === 'load') {
      try {
        handler = create(m.payload);
      } catch (err) {
        handler = undefined;
        missing = `network version ${m.version} failed to load: ${messageOf(err)}`;
        send({ type: 'load-failed', version: m.version, message: missing });
      }
      return;
    }
    send({ type: 'start', id: m.id });
    if (!handler) return send({ type: 'failed', id: m.id, message: missing });
    try {
      const value = handler.run(m.kind, m.payload, (progress) =>
        send({ type: 'progress', id: m.id, progress }),
      );
      send({ type: 'done', id: m.id, value });
    } catch (err) {
      send({ type: 'failed', id: m.id, message: messageOf(err) });
    }
  });
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
