import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainModel, trainModelOnDataset } from '../../src/models/train-model.js';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';
import { storeFactories } from '../support/test-stores.js';
import { call, countRows, expectProblem } from './api-helpers.js';

describe.each(storeFactories)('models over HTTP on %s', (_name, factory) => {
  let h: ApiHarness;
  let production: string;

  beforeAll(async () => {
    // Switching production directly is what a policy that does not enforce the gate allows.
    h = await apiHarness({ factory, policy: { promotion: { enforce: false } } });
    production = h.built.context.serving.aliases().production as string;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('lists the production model with its alias, and shows its manifest', async () => {
    const listed = await call(h, 'GET', '/v1/admin/models', h.staff.admin);
    expect(listed.statusCode).toBe(200);
    const models = listed.json().models as { id: string; algorithm: string; aliases: string[] }[];
    const served = models.find((model) => model.id === production);
    expect(served).toMatchObject({ algorithm: 'ease', aliases: ['production'] });
    expect(models.filter((model) => model.aliases.includes('production'))).toHaveLength(1);

    const one = await call(h, 'GET', `/v1/admin/models/${production}`, h.staff.admin);
    expect(one.statusCode).toBe(200);
    expect(one.json().aliases).toEqual(['production']);
    expect(one.json().manifest).toMatchObject({
      id: production,
      algorithm: 'ease',
      data: { itemIdSpace: 'candor', items: expect.any(Number), viewers: expect.any(Number) },
    });
    expect(one.json().manifest.data.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets every staff role with models:read read them, and only an admin choose production', async () => {
    for (const role of ['curator', 'analyst', 'auditor', 'admin'] as const) {
      expect((await call(h, 'GET', '/v1/admin/models', h.staff[role])).statusCode, role).toBe(200);
      expect((await call(h, 'GET', `/v1/admin/models/${production}`, h.staff[role])).statusCode).toBe(200);
    }
    for (const who of [h.viewer, h.service]) {
      expectProblem(await call(h, 'GET', '/v1/admin/models', who), 403);
    }
    const refusedBefore = await countRows(h, 'audit_log', ['action', 'access.refused']);
    for (const who of [h.staff.curator, h.staff.analyst, h.staff.auditor, h.viewer, h.service]) {
      expectProblem(await call(h, 'PUT', '/v1/admin/models/production', who, { modelId: production }), 403);
    }
    expect(await countRows(h, 'audit_log', ['action', 'access.refused'])).toBe(refusedBefore + 5);
    expect(h.built.context.serving.aliases().production).toBe(production);
  });

  it('refuses malformed and unknown model ids, naming the field', async () => {
    expectProblem(await call(h, 'GET', '/v1/admin/models/not-a-model', h.staff.admin), 400, 'id');
    expectProblem(
      await call(h, 'GET', '/v1/admin/models/01900000-0000-7000-8000-000000000000', h.staff.admin),
      404,
      'id',
    );
    // A path that tries to leave the models folder is not a model id.
    expect((await call(h, 'GET', '/v1/admin/models/..%2F..%2Fetc', h.staff.admin)).statusCode).toBe(400);
    for (const [body, status] of [
      [{ modelId: 'not-a-model' }, 400],
      [{ modelId: 42 }, 400],
      [{}, 400],
      [{ modelId: production, alias: 'canary' }, 400],
      [{ modelId: '01900000-0000-7000-8000-000000000000' }, 404],
    ] as const) {
      expectProblem(
        await call(h, 'PUT', '/v1/admin/models/production', h.staff.admin, body),
        status,
        body.modelId === production ? 'alias' : 'modelId',
      );
    }
    expect(h.built.context.serving.aliases().production).toBe(production);
  });

  it('refuses to serve a model trained on a dataset folder (its items are not catalog items)', async () => {
    const { manifest } = await trainModelOnDataset(
      h.t.dataDir,
      {
        userIds: ['u1', 'u2', 'u3'],
        itemIds: ['i1', 'i2'],
        users: Int32Array.of(0, 1, 2, 0),
        items: Int32Array.of(0, 0, 1, 1),
        times: Float64Array.of(1, 2, 3, 4),
        itemGenres: [],
        genres: [],
      },
      '/tmp/elsewhere',
      { algorithm: 'popularity' },
    );
    expect(manifest.data.itemIdSpace).toBe('external');
    expectProblem(
      await call(h, 'PUT', '/v1/admin/models/production', h.staff.admin, { modelId: manifest.id }),
      409,
      'modelId',
    );
    expect(h.built.context.serving.aliases().production).toBe(production);
    expect((await call(h, 'GET', '/v1/recommendations?limit=1', h.viewer)).json().lineage.modelId).toBe(
      production,
    );
  });

  it('switches serving to another trained model at once, and audits it', async () => {
    const { manifest } = await trainModel(h.t.store, h.t.dataDir, { algorithm: 'itemknn' });
    expect(manifest.id).not.toBe(production);
    // Trained, so the candidate, but not chosen: serving stays on the production model.
    const before = (await call(h, 'GET', '/v1/recommendations?limit=5', h.viewer)).json();
    expect(before.lineage.modelId).toBe(production);
    const listed = (await call(h, 'GET', '/v1/admin/models', h.staff.curator)).json();
    expect(listed.models.find((m: { id: string }) => m.id === manifest.id)).toMatchObject({
      algorithm: 'itemknn',
      aliases: ['candidate'],
    });

    const auditBefore = await countRows(h, 'audit_log', ['action', 'models.set-production']);
    const switched = await call(h, 'PUT', '/v1/admin/models/production', h.staff.admin, {
      modelId: manifest.id,
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toEqual({ production: manifest.id, previous: production });
    expect(await countRows(h, 'audit_log', ['action', 'models.set-production'])).toBe(auditBefore + 1);
    const entry = await h.t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'models.set-production')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor: `account:${h.staff.admin.accountId}`, target: manifest.id });
    expect(JSON.parse(entry.detail)).toEqual({ previous: production });

    const after = (await call(h, 'GET', '/v1/recommendations?limit=5', h.viewer)).json();
    expect(after.lineage).toMatchObject({ modelId: manifest.id, algorithm: 'itemknn' });
    const record = (await call(h, 'GET', `/v1/me/decisions/${after.decisionId}`, h.viewer)).json();
    expect(record.modelId).toBe(manifest.id);
    const similar = await call(h, 'GET', `/v1/items/${after.items[0].itemId}/similar`, h.viewer);
    expect(similar.json().lineage.modelId).toBe(manifest.id);

    const models = (await call(h, 'GET', '/v1/admin/models', h.staff.admin)).json().models as {
      id: string;
      aliases: string[];
    }[];
    expect(models.find((m) => m.id === manifest.id)?.aliases.sort()).toEqual(['candidate', 'production']);
    expect(models.find((m) => m.id === production)?.aliases).toEqual([]);
    const [moved] = (await call(h, 'GET', '/v1/admin/models/aliases/history', h.staff.auditor)).json().events;
    expect(moved).toMatchObject({
      alias: 'production',
      action: 'set',
      modelId: manifest.id,
      previousId: production,
      actor: `account:${h.staff.admin.accountId}`,
    });

    // And back.
    const back = await call(h, 'PUT', '/v1/admin/models/production', h.staff.admin, { modelId: production });
    expect(back.json()).toEqual({ production, previous: manifest.id });
    expect((await call(h, 'GET', '/v1/recommendations?limit=1', h.viewer)).json().lineage.modelId).toBe(
      production,
    );
  });
});

describe('choosing production directly under a policy that enforces the promotion gate', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await apiHarness({ train: false });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('allows it only to bootstrap an empty registry, then points to the promote route', async () => {
    const first = (await trainModel(h.t.store, h.t.dataDir, { algorithm: 'popularity' })).manifest.id;
    expect(h.built.context.serving.aliases()).toEqual({ candidate: first });
    const bootstrap = await call(h, 'PUT', '/v1/admin/models/production', h.staff.admin, { modelId: first });
    expect(bootstrap.statusCode, bootstrap.body).toBe(200);
    expect(bootstrap.json()).toEqual({ production: first, previous: null });
    expect((await call(h, 'GET', '/v1/recommendations?limit=1', h.viewer)).json().lineage.modelId).toBe(
      first,
    );
    const [event] = (
      await call(h, 'GET', '/v1/admin/models/aliases/history?alias=production', h.staff.admin)
    ).json().events;
    expect(event).toMatchObject({ action: 'bootstrap', modelId: first, previousId: null });

    const second = (await trainModel(h.t.store, h.t.dataDir, { algorithm: 'itemknn' })).manifest.id;
    const refused = expectProblem(
      await call(h, 'PUT', '/v1/admin/models/production', h.staff.admin, { modelId: second }),
      409,
    );
    expect(refused.type).toContain('promotion-gate-required');
    expect(refused.detail).toContain('/promote');
    expect(h.built.context.serving.aliases()).toEqual({ candidate: second, production: first });
    // Nothing was recorded for the refused move.
    expect(await countRows(h, 'model_alias_events', ['alias', 'production'])).toBe(1);
  });
});
