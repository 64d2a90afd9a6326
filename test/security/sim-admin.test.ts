/**
 * The simulator's fault-injection API listens on loopback without credentials (it plays the network, and
 * tests drive it); a web page must still not reach it through the operator's browser: DNS rebinding (foreign
 * Host) and cross-site requests (any Origin) are refused.
 */
import { request } from 'node:http';
import { SimEngine } from '../../simulators/engine';
import { diamond } from '../../simulators/engine/sim.fixtures';
import { startAdminServer, type AdminServerHandle } from '../../simulators/admin';

function get(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/faults', method: 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('simulator admin API: loopback tools only', () => {
  let admin: AdminServerHandle;

  beforeAll(async () => {
    admin = await startAdminServer(new SimEngine({ topology: diamond([]), seed: 1 }), { port: 0 });
  });

  afterAll(async () => {
    await admin.close();
  });

  it.each([
    [{}, 200],
    [{ host: 'localhost' }, 200],
    [{ host: '[::1]:1' }, 200],
    [{ host: 'rebind.attacker.example' }, 403],
    [{ host: 'rebind.attacker.example:8080' }, 403],
    [{ origin: 'http://evil.example' }, 403],
    [{ origin: 'null' }, 403],
  ])('%j → %i', async (headers, status) => {
    expect(await get(admin.port, headers as Record<string, string>)).toBe(status);
  });
});
