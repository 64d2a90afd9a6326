export { WorkerThreadPool, defaultWorkers } from './worker-thread.pool';
export type { WorkerThreadPoolOptions } from './worker-thread.pool';
export { serveComputeWorker } from './worker-protocol';
export type { FromWorker, ToWorker, WorkerHandler } from './worker-protocol';
