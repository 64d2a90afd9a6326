import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FaultRequestError, simPolicyReport, simStateReport, type SimEngine } from '../engine';

export interface AdminServerOptions {
  readonly port: number;
  readonly host?: string;
}

export interface AdminServerHandle {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

/** A 4xx answer in the RFC 8040 error shape, `error-path` naming the bad field. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly tag: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/**
 * The simulator's admin API (loopback only): fault injection and the ground truth. Tests and benchmarks use
 * it; the controller never does.
 *   POST /faults {type, target, params, startMs?, durationMs?} → 201 fault · DELETE /faults/{id} → 200 fault
 *   GET /faults · GET /faults/{id} · GET /state · GET /policies
 *   POST /probes {headend, endpoint, segments: [sid, …]} → 200 one on-request probe of that segment list
 */
export async function startAdminServer(
  engine: SimEngine,
  options: AdminServerOptions,
): Promise<AdminServerHandle> {
  const server = createServer((req, res) => {
    if (!fromLocalTool(req)) return send(res, 403, { error: 'admin API: loopback tools only' });
    handle(engine, req, res).catch((err: unknown) => send(res, 500, { error: String(err) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * DNS-rebinding and cross-site defence for the fault-injection API: a web page can make a browser send
 * requests to this loopback port, but only with its own host name in Host, or with an Origin. Tests and
 * tools address the port by IP or `localhost` and send no Origin.
 */
function fromLocalTool(req: IncomingMessage): boolean {
  if (req.headers.origin !== undefined) return false;
  const host = (req.headers.host ?? '')
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  return host === 'localhost' || isIP(host) !== 0;
}

async function handle(engine: SimEngine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://admin');
  const parts = url.pathname.split('/').filter((p) => p.length > 0);
  try {
    const [root, id, extra] = parts;
    if (extra !== undefined) throw new HttpError(404, 'invalid-value', `admin: no resource ${url.pathname}`);
    if (root === 'faults' && id === undefined && req.method === 'POST') {
      const fault = engine.addFault(await readJson(req));
      return send(res, 201, fault);
    }
    if (root === 'faults' && id === undefined && req.method === 'GET') {
      return send(res, 200, { nowMs: engine.nowMs(), faults: engine.listFaults() });
    }
    if (root === 'faults' && id !== undefined && req.method === 'GET') {
      const f = engine.listFaults().find((x) => x.id === id);
      if (!f) throw new HttpError(404, 'invalid-value', `admin: no fault '${id}'`, 'id');
      return send(res, 200, f);
    }
    if (root === 'faults' && id !== undefined && req.method === 'DELETE') {
      const f = engine.endFault(id);
      if (!f) throw new HttpError(404, 'invalid-value', `admin: no pending or active fault '${id}'`, 'id');
      return send(res, 200, f);
    }
    if (root === 'state' && id === undefined && req.method === 'GET') {
      return send(res, 200, simStateReport(engine));
    }
    if (root === 'probes' && id === undefined && req.method === 'POST') {
      return send(res, 200, probe(engine, await readJson(req)));
    }
    if (root === 'policies' && id === undefined && req.method === 'GET') {
      return send(res, 200, { nowMs: engine.nowMs(), policies: simPolicyReport(engine) });
    }
    const known = ['faults', 'state', 'policies', 'probes'].includes(root ?? '');
    throw new HttpError(
      known ? 405 : 404,
      'operation-not-supported',
      `admin: ${req.method} ${url.pathname} is not supported`,
    );
  } catch (err) {
    if (err instanceof FaultRequestError)
      return sendError(res, new HttpError(400, 'invalid-value', err.message, err.field));
    if (err instanceof HttpError) return sendError(res, err);
    throw err;
  }
}

function probe(engine: SimEngine, body: unknown): unknown {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  for (const f of ['headend', 'endpoint']) {
    if (typeof b[f] !== 'string')
      throw new HttpError(400, 'invalid-value', `admin: ${f}: must be a string`, f);
  }
  const segments = b['segments'] ?? [];
  if (!Array.isArray(segments) || segments.some((s) => typeof s !== 'string')) {
    throw new HttpError(400, 'invalid-value', 'admin: segments: must be a list of SIDs', 'segments');
  }
  const r = engine.probeSegmentList(b['headend'] as string, b['endpoint'] as string, segments as string[]);
  if ('error' in r) throw new HttpError(400, 'invalid-value', r.error, 'segments');
  return r;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new HttpError(413, 'too-big', `admin: body larger than ${MAX_BODY} bytes`, 'body');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'malformed-message', 'admin: body: not valid JSON', 'body');
  }
}

function sendError(res: ServerResponse, err: HttpError): void {
  const error = {
    'error-type': 'application',
    'error-tag': err.tag,
    ...(err.path !== undefined && { 'error-path': err.path }),
    'error-message': err.message,
  };
  send(res, err.status, { 'ietf-restconf:errors': { error: [error] } });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
