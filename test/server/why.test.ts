import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServingPolicy } from '../../src/config/serving-policy.js';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';
import { call, countRows, expectProblem, serviceFor } from './api-helpers.js';

interface Why {
  itemId: string;
  rank: number;
  score: number;
  personalized: boolean;
  reproduced: boolean;
  contributions: { itemId: string; weight: number }[];
  base: number | null;
  counterfactual:
    | { found: true; removed: { itemId: string; weight: number }[]; verified: boolean; minimality: string }
    | { found: false; reason: string };
}

describe('GET /v1/recommendations/:id/items/:itemId/why', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await apiHarness({
      policy: { ranking: { rerankers: [{ kind: 'fair-exposure' }, { kind: 'exploration-slot', slot: 3 }] } },
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const serve = async (query = 'limit=6') => {
    const response = await call(h, 'GET', `/v1/recommendations?${query}`, h.viewer);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { decisionId: string; items: { itemId: string; score: number }[] };
  };
  const why = (decisionId: string, itemId: string, who: Parameters<typeof call>[3] = h.viewer) =>
    call(h, 'GET', `/v1/recommendations/${decisionId}/items/${itemId}/why`, who);

  it("explains every item of the viewer's list, with a counterfactual that the server verified", async () => {
    const served = await serve();
    let found = 0;
    for (const [at, item] of served.items.entries()) {
      const response = await why(served.decisionId, item.itemId);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as Why;
      expect(body).toMatchObject({ itemId: item.itemId, rank: at + 1, personalized: true, reproduced: true });
      expect(body.score).toBeCloseTo(item.score, 5);
      const total = body.contributions.reduce((sum, c) => sum + c.weight, 0);
      expect((body.base as number) + total).toBeCloseTo(item.score, 4);
      if (body.counterfactual.found) {
        found += 1;
        expect(body.counterfactual.verified).toBe(true);
        expect(body.counterfactual.removed.length).toBeGreaterThan(0);
      }
    }
    expect(found).toBeGreaterThan(0);
    expect(await countRows(h, 'audit_log', ['action', 'recommendations.why'])).toBe(served.items.length);
  });

  it('answers a service acting for the viewer, and nobody else', async () => {
    const served = await serve('limit=3');
    const itemId = served.items[0]?.itemId as string;
    expect((await why(served.decisionId, itemId, serviceFor(h, h.viewer.subjectId))).statusCode).toBe(200);
    expectProblem(await why(served.decisionId, itemId, h.otherViewer), 404, 'id');
    expectProblem(await why(served.decisionId, itemId, serviceFor(h, h.otherViewer.subjectId)), 404, 'id');
  });

  it('refuses an item that was not on the list, an unknown record and malformed ids', async () => {
    const served = await serve('limit=2');
    const other = await h.t.store.db
      .selectFrom('items')
      .select('id')
      .where(
        'id',
        'not in',
        served.items.map((item) => item.itemId),
      )
      .limit(1)
      .executeTakeFirstOrThrow();
    expectProblem(await why(served.decisionId, other.id), 404, 'itemId');
    expectProblem(await why('01900000-0000-7000-8000-000000000000', other.id), 404, 'id');
    expect((await why('not-a-uuid', other.id)).statusCode).toBe(400);
  });

  it('says the non-profiling feed is not built from the history', async () => {
    const served = await serve('limit=3&feed=non-profiling');
    const body = (await why(served.decisionId, served.items[0]?.itemId as string)).json() as Why;
    expect(body).toMatchObject({
      personalized: false,
      counterfactual: { found: false, reason: 'not-personalized' },
    });
  });

  it('refuses with 409 once the policy that served the list is no longer in force', async () => {
    const served = await serve('limit=3');
    const context = h.built.context;
    const before = context.policy;
    context.livePolicy.swap(parseServingPolicy({ ranking: { poolSize: 150 } }));
    try {
      const body = expectProblem(await why(served.decisionId, served.items[0]?.itemId as string), 409);
      expect(String(body.detail)).toContain(before.version);
    } finally {
      context.livePolicy.swap(before);
    }
  });
});

describe('GET /v1/transparency/main-parameters', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await apiHarness({ policy: { ranking: { rerankers: [{ kind: 'diversity', lambda: 0.2 }] } } });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('describes the policy and model in force to any signed-in caller, as JSON or a page', async () => {
    const production = h.built.context.serving.aliases().production as string;
    for (const who of [h.viewer, h.staff.auditor]) {
      const response = await call(h, 'GET', '/v1/transparency/main-parameters', who);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.policyVersion).toBe(h.built.context.policy.version);
      expect(body.model.id).toBe(production);
      expect(body.ranking.map((p: { name: string }) => p.name)).toContain('Variety of genres');
    }
    const page = await call(h, 'GET', '/v1/transparency/main-parameters?format=html', h.viewer);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Variety of genres');
    expect(
      (await h.built.app.inject({ method: 'GET', url: '/v1/transparency/main-parameters' })).statusCode,
    ).toBe(401);
  });
});
