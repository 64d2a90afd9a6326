import { Catch, HttpException, HttpStatus } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, InfeasibleError } from '../core/errors';
import type { DomainErrorCode } from '../core/errors';
import type { YangError } from '../ports/yang-validator.port';
import { scrubErrorText } from './error-scrub';
import { toRestconfErrors } from './restconf-errors';
import { RestconfException } from './restconf.exception';

const STATUS: Readonly<Record<DomainErrorCode, number>> = {
  INVALID_TOPOLOGY: 500,
  PARSE_ERROR: 400,
  UNKNOWN_NODE: 400,
  UNKNOWN_LINK: 400,
  INVALID_QUERY: 400,
  INVALID_INTENT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NO_PATH: 422,
  MSD_EXCEEDED: 422,
  INFEASIBLE: 422,
  SID_SPACE_EXHAUSTED: 500,
  DEPLOY_FAILED: 502,
};

const TAG: Readonly<Record<number, string>> = {
  400: 'invalid-value',
  404: 'invalid-value',
  405: 'operation-not-supported',
  409: 'data-exists',
  413: 'too-big',
  415: 'invalid-value',
  422: 'operation-failed',
  502: 'operation-failed',
  503: 'resource-denied',
};

/**
 * The one exception filter: DomainError codes, validation failures and framework errors (malformed JSON,
 * oversized body, unknown route) all become RFC 8040 `ietf-restconf:errors` bodies — never an HTML page.
 */
@Catch()
export class RestconfExceptionFilter implements ExceptionFilter {
  constructor(private readonly onUnexpected: (err: unknown) => void = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const { status, errors, info } = this.describe(exception, req);
    if (res.headersSent) return;
    // no internal file names ever leave the API, whichever component wrote the message
    const scrubbed = errors.map((e) => ({ ...e, errorMessage: scrubErrorText(e.errorMessage) }));
    const body = toRestconfErrors(scrubbed) as unknown as {
      'ietf-restconf:errors': { error: Record<string, unknown>[] };
    };
    if (info !== undefined && body['ietf-restconf:errors'].error[0]) {
      body['ietf-restconf:errors'].error[0]['error-info'] = info;
    }
    res.status(status).type('application/yang-data+json').send(JSON.stringify(body));
  }

  private describe(
    exception: unknown,
    req: Request,
  ): { status: number; errors: YangError[]; info?: unknown } {
    if (exception instanceof RestconfException)
      return { status: exception.status, errors: [...exception.errors] };
    if (exception instanceof DomainError) return describeDomain(exception, req);
    const httpStatus = statusOf(exception);
    if (httpStatus !== undefined && exception instanceof Error) {
      const status = httpStatus;
      const malformed = status === 400;
      const message =
        status === 413 ? `request body larger than the limit: ${exception.message}` : exception.message;
      return {
        status,
        errors: [
          {
            errorType: malformed ? 'protocol' : status === 413 ? 'transport' : 'protocol',
            errorTag: malformed ? 'malformed-message' : (TAG[status] ?? 'operation-failed'),
            errorMessage: malformed ? `malformed request: ${message}` : message,
          },
        ],
      };
    }
    if (exception instanceof Error && exception.name === 'YanglintUnavailableError') {
      return {
        status: 503,
        errors: [{ errorType: 'application', errorTag: 'resource-denied', errorMessage: exception.message }],
      };
    }
    this.onUnexpected(exception);
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      errors: [{ errorType: 'application', errorTag: 'operation-failed', errorMessage: 'internal error' }],
    };
  }
}

/** HTTP status of a framework error: Nest's HttpException, or an http-errors error from body-parser. */
function statusOf(e: unknown): number | undefined {
  if (e instanceof HttpException) return e.getStatus();
  const status = (e as { status?: unknown; expose?: unknown } | null)?.status;
  const expose = (e as { expose?: unknown } | null)?.expose;
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : undefined;
}

function describeDomain(
  e: DomainError,
  req: Request,
): { status: number; errors: YangError[]; info?: unknown } {
  const status = STATUS[e.code];
  const errorPath = pathOf(e, req);
  const error: YangError = {
    errorType: 'application',
    errorTag: TAG[status] ?? 'operation-failed',
    errorAppTag: `autonet:${e.code.toLowerCase().replace(/_/g, '-')}`,
    ...(errorPath !== undefined && { errorPath }),
    errorMessage: e.message,
  };
  const info = e instanceof InfeasibleError ? { 'autonet:blocking': e.blocking } : undefined;
  return { status, errors: [error], ...(info && { info }) };
}

/** An instance identifier for errors about a submitted intent or slice (RFC 8040 error-path). */
function pathOf(e: DomainError, req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const params = req.params as Record<string, string | undefined> | undefined;
  const name = typeof body?.['name'] === 'string' ? body['name'] : params?.['name'];
  if (name === undefined) return undefined;
  const list = req.path.includes('/slices')
    ? '/autonet-slice:slices/slice'
    : '/autonet-intent:intents/intent';
  const key = `${list}[name='${name.replace(/'/g, '')}']`;
  return e.location?.path !== undefined ? `${key}/${e.location.path}` : key;
}
