import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerProblemDetails } from '../../src/server/plugins/app/problem-details.js';
import { registerWebApp } from '../../src/server/routes/web-app/index.js';
import { tempDir } from '../support/dataset-fixtures.js';

/** The web-app routes alone, over a folder laid out as `vite build` leaves it (or not built at all). */
async function appServing(dir: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerProblemDetails(app);
  await registerWebApp(app, dir);
  await app.ready();
  return app;
}

function builtApp(): string {
  const dir = `${tempDir('candor-web-')}/`;
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Candor</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not an asset');
  return dir;
}

describe('the web app routes', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it('serves the shell at / and at the app’s own page paths, never cached', async () => {
    app = await appServing(builtApp());
    for (const url of ['/', '/privacy', '/dashboard/models', '/items/123?x=1', '/sign-in']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets cached for good, and nothing else from the folder', async () => {
    app = await appServing(builtApp());
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of [
      '/assets/missing.js',
      '/assets/..%2fsecret.txt',
      '/assets/../secret.txt',
      '/secret.txt',
      '/index.html',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('not an asset');
    }
  });

  it('leaves API and operations paths to the API: an unknown one is a 404 problem, not the shell', async () => {
    app = await appServing(builtApp());
    for (const url of ['/v1/nothing-here', '/v1', '/docs/nope', '/metrics/x', '/healthz/x']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    }
  });

  it('says how to build the app when it is not built', async () => {
    app = await appServing(`${tempDir('candor-web-empty-')}/`);
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toContain('npm run build');
  });
});
