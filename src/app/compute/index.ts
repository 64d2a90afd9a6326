export { ComputeJobs, networkPayload } from './compute-jobs';
export type {
  Avoidance,
  CompileJob,
  ComputeKind,
  NetworkPayload,
  PathsTask,
  WhatIfOutput,
  WhatIfTask,
} from './compute-jobs';
export type { CompileOutput, CompileTask } from './compile.job';
export { ComputeService, COMPUTE_OPTIONS } from './compute.service';
export type { CompileRequest, ComputeOptions, PooledCompile } from './compute.service';
export { ComputeRefusal } from './compute-refusal';
export { InlineComputePool } from './inline.pool';
export { decodeDomainError, encodeDomainError } from './domain-error.codec';
export type { EncodedDomainError } from './domain-error.codec';
