import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import helmet from 'helmet';
import { atLeast, canonicalPath, isMutating, requirementOf } from '../app/auth';
import type { AuthService, Principal } from '../app/auth';
import type { IntentStore } from '../ports/intent-store.port';
import type { YangError } from '../ports/yang-validator.port';
import { hostAllowed, originAllowed } from './host-check';
import { RestconfException } from './restconf.exception';
import { parseStrictJson, StrictJsonError } from './strict-json';

export interface SecurityOptions {
  readonly auth: AuthService;
  readonly store: IntentStore;
  /** Hostnames the API answers to besides loopback and IP literals (DNS-rebinding defence). */
  readonly allowedHosts: readonly string[];
  /** Requests per minute per client (token, else address); 0 disables the limit. */
  readonly rateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  /** Served over HTTPS: only then HSTS and upgrade-insecure-requests (on plain HTTP they break the dashboard). */
  readonly tls: boolean;
  /** Where refusals are logged (never with the credential). */
  readonly warn?: (fields: Record<string, unknown>, message: string) => void;
  /** Counts each refusal by reason (for /metrics: refused requests never reach the routes). */
  readonly refused?: (reason: RefusalReason) => void;
}

export type RefusalReason =
  'host' | 'origin' | 'malformed-body' | 'unauthenticated' | 'forbidden' | 'rate-limited';

export type AuthedRequest = Request & { principal?: Principal };

const JSON_TYPES = ['application/json', 'application/yang-data+json', 'application/*+json'];
const fail = (status: number, tag: string, message: string, path?: string): RestconfException =>
  new RestconfException(status, [
    {
      errorType: 'protocol',
      errorTag: tag,
      ...(path !== undefined && { errorPath: path }),
      errorMessage: message,
    } satisfies YangError,
  ]);

/**
 * Everything between the socket and the controllers, in order: Host/Origin check, security headers (helmet),
 * strict JSON bodies, identity, per-client rate limit, role check, and an audit record of every successful
 * mutating call with its actor. Installed before the routes, so it covers the API, SSE, /metrics and the
 * dashboard alike.
 */
export function installSecurity(app: NestExpressApplication, options: SecurityOptions): void {
  const { auth, warn = () => undefined, refused = () => undefined } = options;
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (!hostAllowed(req.headers.host, options.allowedHosts)) {
      refused('host');
      return next(fail(403, 'access-denied', 'Host header names no host this controller serves'));
    }
    if (!originAllowed(req.headers.origin, req.headers.host, options.allowedHosts)) {
      refused('origin');
      return next(fail(403, 'access-denied', 'cross-origin request refused'));
    }
    next();
  });
  // Swagger UI needs inline scripts: it gets helmet without a CSP; everything else the strict default.
  const strict = helmet({
    contentSecurityPolicy: { directives: options.tls ? {} : { upgradeInsecureRequests: null } },
    strictTransportSecurity: options.tls,
  });
  const docs = helmet({ contentSecurityPolicy: false, strictTransportSecurity: options.tls });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next),
  );
  app.useBodyParser('text', { type: JSON_TYPES, limit: options.bodyLimitBytes });
  app.use((req: Request, res: Response, next: NextFunction) =>
    strictJsonBody(req, res, (err?: unknown) => {
      if (err !== undefined) refused('malformed-body');
      next(err);
    }),
  );
  app.use((req: AuthedRequest, _res: Response, next: NextFunction) => {
    auth.authenticate(bearerOf(req)).then(
      (principal) => {
        if (principal) req.principal = principal;
        next();
      },
      (err: unknown) => next(err),
    );
  });
  if (options.rateLimitPerMinute > 0) {
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: options.rateLimitPerMinute,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        // no proxy is trusted: a client's X-Forwarded-For is ignored, not worth a console warning
        validate: { xForwardedForHeader: false },
        keyGenerator: (req: AuthedRequest) =>
          req.principal && req.principal.kind !== 'none'
            ? `p:${req.principal.name}`
            : `ip:${ipKeyGenerator(req.ip ?? '')}`,
        handler: (req: AuthedRequest, _res: Response, next: NextFunction) => {
          refused('rate-limited');
          warn({ actor: req.principal?.name, ip: req.ip, path: req.path }, 'rate limit exceeded');
          next(fail(429, 'resource-denied', 'too many requests: slow down and retry later'));
        },
      }),
    );
  }
  app.use((req: AuthedRequest, res: Response, next: NextFunction) => {
    const need = requirementOf(req.method, req.path);
    if (need === 'public') return next();
    if (!req.principal) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="autonet"');
      refused('unauthenticated');
      warn({ method: req.method, path: req.path, ip: req.ip }, 'unauthenticated request refused');
      return next(fail(401, 'access-denied', 'authentication required: send Authorization: Bearer <token>'));
    }
    if (!atLeast(req.principal.role, need)) {
      refused('forbidden');
      warn({ actor: req.principal.name, method: req.method, path: req.path }, 'forbidden');
      return next(
        fail(403, 'access-denied', `role '${req.principal.role}' may not do this (needs '${need}')`),
      );
    }
    if (isMutating(req.method) && !isDryRun(req)) auditOnFinish(req, res, options.store);
    next();
  });
}

/** `POST /intents?dryRun=true` plans without changing anything: nothing to audit (no other route has it). */
function isDryRun(req: Request): boolean {
  if (req.method !== 'POST' || canonicalPath(req.path) !== '/api/v1/intents') return false;
  const q = (req.query as Record<string, unknown>)['dryRun'];
  return q === 'true' || q === '';
}

/** The bearer credential: the Authorization header, or `access_token` for event streams (EventSource). */
function bearerOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m?.[1];
  }
  if (req.method === 'GET' && req.path.endsWith('/events')) {
    const q = (req.query as Record<string, unknown>)['access_token'];
    return typeof q === 'string' ? q : undefined;
  }
  return undefined;
}

function strictJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (typeof body !== 'string' || !req.is(JSON_TYPES)) return next();
  if (body.trim().length === 0) {
    req.body = {};
    return next();
  }
  try {
    req.body = parseStrictJson(body);
    next();
  } catch (err) {
    if (!(err instanceof StrictJsonError)) return next(err);
    next(fail(400, 'malformed-message', `malformed request: ${err.message}`, err.pointer));
  }
}

function auditOnFinish(req: AuthedRequest, res: Response, store: IntentStore): void {
  const actor = req.principal?.name ?? 'anonymous';
  const method = req.method;
  const path = req.path;
  res.once('finish', () => {
    if (res.statusCode >= 400) return;
    try {
      store.transaction((tx) =>
        tx.appendAudit({
          at: new Date().toISOString(),
          actor,
          action: `http-${method.toLowerCase()}`,
          target: path,
          detail: { status: res.statusCode, via: req.principal?.kind ?? 'none' },
        }),
      );
    } catch {
      // the store is closing (shutdown): nothing to record into
    }
  });
}
