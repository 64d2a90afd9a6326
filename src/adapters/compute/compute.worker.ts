// The job module itself, not the folder's index: a worker needs no NestJS service, only the pure jobs.
import { ComputeJobs } from '../../app/compute/compute-jobs';
import type { NetworkPayload } from '../../app/compute/compute-jobs';
import { serveComputeWorker } from './worker-protocol';

/** Entry point of a compute worker thread: path queries and what-ifs against the loaded network. */
serveComputeWorker((payload) => new ComputeJobs(payload as NetworkPayload));
