import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { INTENTS, linkTelemetry, TELEMETRY_STATUS, TOPOLOGY } from './fake-api.fixture';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface FakeApi {
  readonly url: string;
  /** Open SSE connections. */
  streams(): number;
  /** Changes an intent's status and pushes the `intent.status` event, as the controller does. */
  pushStatus(name: string, status: string, reason?: string): void;
  /** Serves these incidents at /incidents from now on (GET /incidents answers 404 until then). */
  setIncidents(list: readonly unknown[]): void;
  /** While down, every /api request gets its connection reset (the static files are still served). */
  setDown(down: boolean): void;
  /**
   * While stalled, GET /intents answers its headers and the first bytes of its body, then nothing more (a
   * controller or proxy that hangs mid-answer); un-stalling ends those answers with a reset.
   */
  setStalled(stalled: boolean): void;
  close(): Promise<void>;
}

/** Serves dashboard/ and a fake /api/v1 with fixed answers on 127.0.0.1 (ephemeral port). */
export async function startFakeApi(dashboardDir: string): Promise<FakeApi> {
  const intents = structuredClone(INTENTS) as Array<Record<string, unknown>>;
  const streams = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let down = false;
  let stalled = false;
  const hanging = new Set<ServerResponse>();
  /** Served at /incidents once set (until then 404: the panel stays hidden, as with the loop off). */
  let incidents: readonly unknown[] | undefined;

  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const api = (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (down) return req.socket.destroy();
    if (path === '/api/v1/health')
      return json(res, { status: 'ok', network: { protocol: 'sim', nes: 6, up: 6 } });
    if (path === '/api/v1/topology') return json(res, TOPOLOGY);
    if (path === '/api/v1/intents' && stalled) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"intents": [');
      hanging.add(res);
      return;
    }
    if (path === '/api/v1/intents') return json(res, { intents });
    if (path === '/api/v1/telemetry/status') return json(res, TELEMETRY_STATUS);
    if (path === '/api/v1/incidents' && incidents) return json(res, { incidents });
    const tm = /^\/api\/v1\/telemetry\/links\/([^/]+)$/.exec(path);
    const series = tm ? linkTelemetry(decodeURIComponent(tm[1]!), Date.now()) : undefined;
    if (series) return json(res, series);
    if (path === '/api/v1/intents/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': hello\n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  };
  const vendor = join(dirname(require.resolve('uplot/package.json')), 'dist');
  const files = async (res: ServerResponse, path: string) => {
    const [root, rel] = path.startsWith('/vendor/uplot/')
      ? [vendor, path.slice('/vendor/uplot/'.length)]
      : [dashboardDir, path === '/' ? 'index.html' : path];
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/')) api(req, res, path);
    else void files(res, path);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    streams: () => streams.size,
    pushStatus(name, status, reason) {
      const intent = intents.find((i) => i.name === name);
      if (!intent) throw new Error(`fake-api: no intent ${name}`);
      const previous = intent.status;
      intent.status = status;
      const data = { intent: name, status, previous, reason, version: 2, at: new Date().toISOString() };
      for (const s of streams) s.write(`event: intent.status\ndata: ${JSON.stringify(data)}\n\n`);
    },
    setIncidents(list) {
      incidents = structuredClone(list);
    },
    setDown(value) {
      down = value;
      if (value) for (const s of streams) s.destroy();
    },
    setStalled(value) {
      stalled = value;
      if (value) return;
      for (const r of hanging) r.destroy();
      hanging.clear();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
