import { HttpException } from '@nestjs/common';
import type { ComputeOutcome, ComputeProgress } from '../../ports/compute-pool.port';
import type { YangError } from '../../ports/yang-validator.port';

type Refused = Exclude<ComputeOutcome, { ok: true }>;

/**
 * A computation the pool did not finish: 503 when every worker is busy and the queue is full (retry later),
 * 422 when the request itself ran over its budget (with what it had proven by then), 500 when it failed.
 * The API turns it into RFC 8040 errors (`errors()`) and, for 503, a Retry-After header; where a caller does
 * not (e.g. intent create), it is an HttpException, so the one exception filter still answers 503/422.
 */
export class ComputeRefusal extends HttpException {
  override readonly name = 'ComputeRefusal';

  private constructor(
    status: 503 | 422 | 500,
    readonly appTag: 'compute-busy' | 'compute-budget-exceeded' | 'compute-failed',
    message: string,
    readonly retryAfterS?: number,
    readonly progress?: ComputeProgress,
  ) {
    super(message, status);
  }

  static of(what: string, outcome: Refused): ComputeRefusal {
    switch (outcome.reason) {
      case 'busy':
        return new ComputeRefusal(
          503,
          'compute-busy',
          `${what}: every compute worker is busy and ${outcome.queued} requests are waiting; ` +
            `retry after ${outcome.retryAfterS} s`,
          outcome.retryAfterS,
        );
      case 'budget':
        return new ComputeRefusal(
          422,
          'compute-budget-exceeded',
          `${what}: stopped at its compute budget of ${outcome.budgetMs} ms; ${provenSoFar(outcome.progress)}`,
          undefined,
          outcome.progress,
        );
      case 'failed':
        return new ComputeRefusal(
          500,
          'compute-failed',
          `${what}: the computation failed: ${outcome.message}` +
            (outcome.progress ? `; ${provenSoFar(outcome.progress)}` : ''),
          undefined,
          outcome.progress,
        );
    }
  }

  errors(): YangError[] {
    return [
      {
        errorType: 'application',
        errorTag: this.getStatus() === 503 ? 'resource-denied' : 'operation-failed',
        errorAppTag: this.appTag,
        errorMessage: this.message,
      },
    ];
  }
}

function provenSoFar(p: ComputeProgress | undefined): string {
  if (!p) return 'it had reported nothing yet (stage reached: started)';
  return `stage reached: ${p.stage}; ${p.detail}`;
}
