import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.js';
import { buildApi } from '../../src/server/build-app.js';
import { runImport } from '../../src/import/import-runner.js';
import { CandorJsonlSource } from '../../src/import/sources/index.js';
import { trainModel } from '../../src/models/train-model.js';
import { startServer } from '../../src/server/serve.js';
import { tempDir, writeNativeDataset } from '../support/dataset-fixtures.js';
import { sqliteTestStore, type TestStore } from '../support/test-stores.js';
import { TEST_IMPORT_CONSENT } from '../support/consent.js';

describe('server skeleton', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await sqliteTestStore();
  });
  afterEach(async () => {
    await t.dispose().catch(() => {});
  });

  const app = async () =>
    (
      await buildApi({
        config: configSchema.parse({ dataDir: t.dataDir, log: { level: 'silent' } }),
        store: t.store,
        version: '9.9.9',
      })
    ).app;

  it('answers /healthz with the database check and security headers', async () => {
    const server = await app();
    const response = await server.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      version: '9.9.9',
      checks: { database: 'ok', model: 'none' },
    });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['cache-control']).toBe('no-store');
    await server.close();
  });

  it('reports 503 when the database is gone', async () => {
    const server = await app();
    await t.store.close();
    const response = await server.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().checks.database).toBe('unavailable');
    await server.close();
  });

  it('refuses data routes without credentials (401) and answers unknown routes with a problem+json 404', async () => {
    const server = await app();
    for (const url of ['/v1/items', '/v1/recommendations?limit=3', '/metrics', '/docs']) {
      const response = await server.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({
        status: 401,
        type: 'https://candor.dev/problems/unauthenticated',
      });
    }
    const missing = await server.inject({ method: 'GET', url: '/v1/nothing?secret=3' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, type: 'https://candor.dev/problems/not-found' });
    expect(missing.json().detail).not.toContain('secret=3');
    await server.close();
  });

  it('serves the production model it finds in the data folder', async () => {
    await runImport(t.store, new CandorJsonlSource(writeNativeDataset(tempDir())), {
      consent: TEST_IMPORT_CONSENT,
    });
    const { manifest } = await trainModel(t.store, t.dataDir, {
      algorithm: 'popularity',
      alias: 'production',
    });
    const running = await startServer(
      configSchema.parse({ dataDir: t.dataDir, server: { port: 0 }, log: { level: 'silent' } }),
    );
    const response = await fetch(`${running.url}/healthz`);
    expect(((await response.json()) as { checks: { model: string } }).checks.model).toBe('loaded');
    expect(running.serving.model?.manifest.id).toBe(manifest.id);
    await running.close();
  });

  it('listens on a real port and closes gracefully', async () => {
    const running = await startServer(
      configSchema.parse({ dataDir: t.dataDir, server: { port: 0 }, log: { level: 'silent' } }),
    );
    const response = await fetch(`${running.url}/healthz`);
    expect(response.status).toBe(200);
    await running.close();
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});
