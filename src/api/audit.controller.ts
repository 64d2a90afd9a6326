import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidQueryError } from '../core/errors';
import { INTENT_STORE } from '../ports/intent-store.port';
import type { IntentStore } from '../ports/intent-store.port';

const MAX_PAGE = 1000;

/** Reads a non-negative integer query parameter no larger than `max`. */
function intParam(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,15}$/.test(raw) || Number(raw) > max)
    throw new InvalidQueryError(`audit: ${name} must be an integer from 0 to ${max}`, { path: name });
  return Number(raw);
}

/** The audit trail (admin only, see app/auth/access.policy.ts): who changed what, oldest first, in pages. */
@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(INTENT_STORE) private readonly store: IntentStore) {}

  @Get()
  @ApiOperation({ summary: 'Audit trail, oldest first; page with `after` (the last seq seen) and `limit`' })
  @ApiQuery({ name: 'after', required: false, type: Number })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'target', required: false, type: String })
  list(
    @Query('after') after: string | undefined,
    @Query('limit') limit: string | undefined,
    @Query('target') target: string | undefined,
  ) {
    const afterSeq = intParam('after', after, 0, Number.MAX_SAFE_INTEGER);
    const size = intParam('limit', limit, 100, MAX_PAGE);
    const entries = this.store.audit({
      afterSeq,
      limit: size + 1,
      ...(typeof target === 'string' && target !== '' && { target }),
    });
    const page = entries.slice(0, size);
    const last = page[page.length - 1];
    return {
      entries: page,
      next: entries.length > size && last?.seq !== undefined ? last.seq : null,
    };
  }
}
