import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseSyntheticParams, writeSyntheticDataset } from '../../src/catalog/synthetic/index.js';
import { configSchema } from '../../src/config/config-schema.js';
import { type BuiltApp, buildApi } from '../../src/server/build-app.js';
import { SUBJECT_HEADER } from '../../src/server/plugins/app/access-control.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { candor } from '../support/run-cli.js';

/**
 * Issue 8's whole cycle on one data folder, half through the CLI (as an operator on the host runs it)
 * and half through the API (as the dashboard calls it), both reading the same store, policy file and
 * model registry: train a candidate, a gate that one threshold blocks (with the reason), a policy change
 * by an admin, a passing gate, sign-off by an analyst and an auditor (two people), promotion, serving,
 * a drift alert on shifted traffic delivered to a webhook, rollback, and the scorecard.
 */

const PASSWORD = 'correct horse battery staple';

const POLICY = (minCoverage: number) =>
  [
    'promotion:',
    '  thresholds:',
    `    minCoverage: ${minCoverage}`,
    '    minRelativeAccuracy: 0.5',
    '    minGroupFairnessRatio: 0',
    '    minExposureRatio: 0',
    '    maxUnsafeShare: 1',
    'monitoring:',
    '  drift:',
    '    windowDays: 30',
    '    minEvents: 100',
    '    intervalHours: 0',
    '',
  ].join('\n');

class Webhook {
  received: { kind: string; metric: string }[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        this.received.push(JSON.parse(body).alert);
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/alerts`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('governance: the full cycle from the CLI and the API', () => {
  let data: string;
  let dataset: string;
  let store: Store;
  let api: BuiltApp;
  let first: string;
  let candidate: string;
  const webhook = new Webhook();
  const bearer: Record<string, Record<string, string>> = {};
  let viewerSubject: string;

  const cli = async (...args: string[]) => {
    const run = await candor('--data-dir', data, '--json', ...args);
    return { ...run, body: run.code === 0 && run.stdout ? JSON.parse(run.stdout) : null };
  };
  const http = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: unknown) =>
    api.app.inject({
      method,
      url,
      headers: bearer[who] as Record<string, string>,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const servedModel = async () => {
    const response = await http('GET', '/v1/recommendations?limit=5', 'viewer');
    expect(response.statusCode, response.body).toBe(200);
    return response.json().lineage.modelId as string;
  };

  beforeAll(async () => {
    data = tempDir('candor-full-cycle-');
    dataset = tempDir('candor-full-cycle-data-');
    await writeSyntheticDataset(dataset, parseSyntheticParams({ items: 120, viewers: 40, seed: 11 }));
    const imported = await candor(
      '--data-dir',
      data,
      'import',
      '--consent',
      'personalization,model_training',
      dataset,
    );
    expect(imported.code, imported.stderr).toBe(0);
    writeFileSync(join(data, 'policy.yaml'), POLICY(1));

    // The first model bootstraps an empty registry; the second is a candidate.
    const bootstrap = await cli('train', '--algo', 'ease', '--production');
    expect(bootstrap.code, bootstrap.stderr).toBe(0);
    first = bootstrap.body.id;
    const trained = await cli('train', '--algo', 'itemknn');
    expect(trained.code, trained.stderr).toBe(0);
    candidate = trained.body.id;

    const url = await webhook.start();
    store = await openStore({ dataDir: data });
    api = await buildApi({
      config: configSchema.parse({ dataDir: data, log: { level: 'silent' }, alerts: { webhookUrl: url } }),
      store,
      version: '0.0.0-test',
    });
    const auth = api.context.auth;
    viewerSubject = (
      await store.db.selectFrom('subjects').select('id').orderBy('key').executeTakeFirstOrThrow()
    ).id;
    for (const [username, roles, subjectId] of [
      ['admin', ['admin'], undefined],
      ['ana', ['analyst'], undefined],
      ['aud', ['auditor'], undefined],
      ['viewer', ['viewer'], viewerSubject],
    ] as const) {
      await auth.createAccount({ username, password: PASSWORD, roles: [...roles], subjectId });
      bearer[username] = { authorization: `Bearer ${(await auth.signIn(username, PASSWORD)).bearer.token}` };
    }
    const { key } = await auth.createApiKey({ name: 'front end', roles: ['service'], createdBy: 'test' });
    bearer.service = { authorization: `Bearer ${key}` };
  }, 180_000);

  afterAll(async () => {
    vi.unstubAllEnvs();
    await api?.app.close();
    await store?.close();
    await webhook.close();
    for (const dir of [data, dataset]) rmSync(dir, { recursive: true, force: true });
  });

  it('blocks the candidate on the one threshold it misses, with the reason (CLI)', async () => {
    expect(await servedModel()).toBe(first);
    const gate = await cli('models', 'gate', candidate);
    expect(gate.code, gate.stderr).toBe(0);
    expect(gate.body).toMatchObject({ modelId: candidate, baselineId: first, passed: false });
    const failed = (gate.body.checks as { id: string; passed: boolean }[]).filter((c) => !c.passed);
    expect(failed.map((c) => c.id)).toEqual(['coverage']);
    const promote = await candor('--data-dir', data, 'models', 'promote', candidate);
    expect(promote.code).toBe(3);
    expect(promote.stderr).toMatch(/promotion blocked: .*coverage/);
    expect(await servedModel()).toBe(first);
  }, 60_000);

  it('lets an admin change the policy, then passes the gate under it (API)', async () => {
    const change = await http('PUT', '/v1/admin/policy', 'admin', {
      yaml: POLICY(0.01),
      note: 'coverage floor set for a small catalog',
    });
    expect(change.statusCode, change.body).toBe(200);
    const version = change.json().version as string;
    expect(readFileSync(join(data, 'policy.yaml'), 'utf8')).toContain('minCoverage: 0.01');

    const gate = await http('POST', `/v1/admin/models/${candidate}/gate`, 'admin', {});
    expect(gate.statusCode, gate.body).toBe(200);
    expect(gate.json()).toMatchObject({
      passed: true,
      policyVersion: version,
      requiredSignoffs: ['analyst', 'auditor'],
    });
  }, 60_000);

  it('needs an analyst and an auditor, two people, before it promotes; then it serves the candidate', async () => {
    const early = await http('POST', `/v1/admin/models/${candidate}/promote`, 'admin', { reason: 'better' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/analyst/);

    const analyst = await http('POST', `/v1/admin/models/${candidate}/signoffs`, 'ana', { role: 'analyst' });
    expect(analyst.statusCode, analyst.body).toBe(201);
    vi.stubEnv('CANDOR_PASSWORD', PASSWORD);
    const auditor = await cli('models', 'signoff', candidate, '--role', 'auditor', '--user', 'aud');
    expect(auditor.code, auditor.stderr).toBe(0);

    const promote = await http('POST', `/v1/admin/models/${candidate}/promote`, 'admin', {
      reason: 'better',
    });
    expect(promote.statusCode, promote.body).toBe(200);
    expect(promote.json()).toMatchObject({ production: candidate, previous: first });
    expect(await servedModel()).toBe(candidate);
  }, 60_000);

  it('raises a drift alert on traffic shifted to one genre, delivered to the webhook', async () => {
    const db = store.db;
    const genres = await db
      .selectFrom('item_genres')
      .select((eb) => ['genre_id', eb.fn.count('item_id').as('items')])
      .groupBy('genre_id')
      .having((eb) => eb.fn.count('item_id'), '>=', 3)
      .orderBy('items', 'asc')
      .execute();
    const genre = String(genres[0]?.genre_id);
    const items = (
      await db.selectFrom('item_genres').select('item_id').where('genre_id', '=', genre).execute()
    ).map((row) => row.item_id);
    const subjects = (await db.selectFrom('subjects').select('id').orderBy('key').limit(20).execute()).map(
      (s) => s.id,
    );
    let n = 0;
    for (const subjectId of subjects) {
      const events = Array.from({ length: 20 }, () => {
        n += 1;
        return {
          idempotencyKey: `full-cycle-shift-${n}`,
          itemId: items[n % items.length] as string,
          kind: 'view',
          occurredAt: new Date(Date.now() - n * 60_000).toISOString(),
        };
      });
      const posted = await api.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...bearer.service, [SUBJECT_HEADER]: subjectId },
        payload: { events },
      });
      expect(posted.statusCode, posted.body).toBe(200);
    }
    const run = await http('POST', '/v1/admin/monitoring/drift', 'ana', {});
    expect(run.statusCode, run.body).toBe(200);
    const alerts = run.json().alerts as { kind: string; metric: string; delivery: string }[];
    const drift = alerts.find((a) => a.kind === 'drift' && a.metric.includes('genre_mix'));
    expect(drift, JSON.stringify(alerts)).toBeDefined();
    expect(drift?.delivery).toBe('delivered');
    expect(webhook.received.some((a) => a.kind === 'drift' && a.metric.includes('genre_mix'))).toBe(true);
    const listed = await cli('alerts', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.stringify(listed.body)).toContain('genre_mix');
  }, 60_000);

  it('rolls back in one call, and writes the scorecard with the sign-offs', async () => {
    const back = await http('POST', '/v1/admin/models/rollback', 'admin', { reason: 'drift under review' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ production: first, previous: candidate });
    expect(await servedModel()).toBe(first);

    const out = join(data, 'scorecard.pdf');
    const written = await cli('scorecard', '--model', candidate, '--out', out);
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain(candidate);
    expect(text).toMatch(/analyst/i);
    expect(text).toMatch(/auditor/i);
    const fromApi = await http('GET', '/v1/admin/scorecard', 'aud');
    expect(fromApi.statusCode).toBe(200);
    expect(fromApi.headers['content-type']).toContain('application/pdf');

    const verified = await candor('--data-dir', data, 'audit-log', 'verify');
    expect(verified.code, verified.stderr).toBe(0);
  }, 120_000);
});
