import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { MemoryNeDriver } from '../../src/adapters/drivers/memory';
import { createControllerApp } from '../../src/api/server';
import { loadConfig } from '../../src/config';
import type { AppConfig } from '../../src/config';
import { abilene } from '../api/api-harness';

/** The real controller app with token authentication on (the default), in a temp data dir. */
export async function startSecureApi(over: Partial<Record<keyof AppConfig, unknown>> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-sec-'));
  const network = abilene();
  const config = loadConfig({}, { dataDir, logLevel: 'silent', ...over });
  const driver = new MemoryNeDriver(network.topology, network.sids);
  const unexpected: unknown[] = [];
  const warnings: { fields: Record<string, unknown>; message: string }[] = [];
  const { app, adminToken } = await createControllerApp(
    { config, network, driver },
    (e) => unexpected.push(e),
    (fields, message) => warnings.push({ fields, message }),
  );
  const http = app.getHttpServer();
  /** A token of the given role, made by the admin over the API. */
  const tokenFor = async (name: string, role: string): Promise<string> => {
    const res = await request(http)
      .post('/api/v1/auth/tokens')
      .set('authorization', `Bearer ${adminToken}`)
      .send({ name, role })
      .expect(201);
    return (res.body as { token: string }).token;
  };
  return {
    app,
    http,
    dataDir,
    driver,
    adminToken: adminToken!,
    unexpected,
    warnings,
    tokenFor,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type SecureApi = Awaited<ReturnType<typeof startSecureApi>>;
