export { ComputeJobs, networkPayload } from './compute-jobs';
export type { ComputeKind, NetworkPayload, PathsTask, WhatIfOutput, WhatIfTask } from './compute-jobs';
export { ComputeService, COMPUTE_OPTIONS } from './compute.service';
export type { ComputeOptions } from './compute.service';
export { ComputeRefusal } from './compute-refusal';
export { InlineComputePool } from './inline.pool';
export { queryRewriter } from './query-rewrite';
