import { serveComputeWorker } from '../worker-protocol';

/** A compute worker for the pool's specs: jobs that echo, sleep, spin forever, throw or kill their thread. */
let loads = 0;
serveComputeWorker((network) => {
  loads++;
  if ((network as { bad?: boolean }).bad) throw new Error('unreadable network');
  return {
    run(kind, payload, progress) {
      switch (kind) {
        case 'echo':
          return { payload, network, loads };
        case 'sleep':
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, payload as number);
          return 'slept';
        case 'spin':
          progress({ stage: 'spinning', detail: 'spun up, never finishing', done: 1, total: 2 });
          for (;;) {
            // a query that never ends
          }
        case 'throw':
          throw new Error('bad job');
        case 'crash':
          process.exit(3);
        // eslint-disable-next-line no-fallthrough
        default:
          throw new Error(`unknown kind ${kind}`);
      }
    },
  };
});
