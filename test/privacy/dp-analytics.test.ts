import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDpQuery } from '../../src/privacy/dp-analytics/dp-analytics.js';
import { MemoryBudgetStore, PrivacyBudgetLedger } from '../../src/privacy/dp/index.js';
import { apiHarness, type ApiHarness } from '../support/api-harness.js';
import { call } from '../server/api-helpers.js';

interface Bin {
  key: string;
  label: string;
  value: number;
  errorBound95: number;
}

describe('differentially private analytics over HTTP', () => {
  let h: ApiHarness;
  let consenting: Set<string>;
  let genreCount: number;
  beforeAll(async () => {
    h = await apiHarness({
      train: false,
      policy: { privacy: { dpBudget: { default: { epsilon: 25, delta: 1e-5 } } } },
    });
    const subjects = await h.t.store.db.selectFrom('subjects').select('id').orderBy('key').execute();
    // Ten viewers keep their analytics consent; the rest withdraw it.
    consenting = new Set(subjects.slice(0, 10).map((s) => s.id));
    await h.built.context.consents.grantMany(
      subjects
        .filter((s) => !consenting.has(s.id))
        .map((s) => ({ subjectId: s.id, purpose: 'analytics', granted: false })),
      {
        at: new Date().toISOString(),
        method: 'api',
        actor: 'test',
        textVersion: h.built.context.purposes.textVersion,
      },
    );
    genreCount = (await h.t.store.db.selectFrom('genres').select('id').execute()).length;
  }, 120_000);
  afterAll(async () => h.close());

  /** Distinct viewers per genre among `who`, computed directly. */
  async function trueViewersPerGenre(who: (id: string) => boolean): Promise<Map<string, number>> {
    const rows = await h.t.store.db
      .selectFrom('interactions')
      .innerJoin('subjects', 'subjects.key', 'interactions.subject_key')
      .innerJoin('items', 'items.key', 'interactions.item_key')
      .innerJoin('item_genres', 'item_genres.item_id', 'items.id')
      .select(['subjects.id as subject', 'item_genres.genre_id as genre'])
      .distinct()
      .execute();
    const counts = new Map<string, number>();
    for (const row of rows) if (who(row.subject)) counts.set(row.genre, (counts.get(row.genre) ?? 0) + 1);
    return counts;
  }

  it('counts only viewers with analytics consent, within the reported error bounds', async () => {
    const response = await call(h, 'POST', '/v1/analytics/dp/queries', h.staff.analyst, {
      query: 'viewers_per_genre',
      epsilon: 8,
      maxKeys: genreCount,
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({
      dataset: 'viewing',
      mechanism: 'laplace',
      cost: { epsilon: 8, delta: 0 },
      contributionBounds: { maxKeys: genreCount },
    });
    // Laplace with t = maxKeys / ε: the 95% bound is t·ln(20), roughly.
    expect(result.noise.errorBound95).toBeCloseTo((genreCount / 8) * Math.log(20), 0);
    const consented = await trueViewersPerGenre((id) => consenting.has(id));
    const everyone = await trueViewersPerGenre(() => true);
    const bins = result.bins as Bin[];
    expect(bins).toHaveLength(genreCount);
    let closerToConsented = 0;
    for (const bin of bins) {
      const truth = consented.get(bin.key) ?? 0;
      // Four times the 95% bound: exceeded with probability 0.05⁴ per bin.
      expect(Math.abs(bin.value - truth), bin.key).toBeLessThanOrEqual(4 * bin.errorBound95 + 1);
      const all = everyone.get(bin.key) ?? 0;
      if (Math.abs(bin.value - truth) < Math.abs(bin.value - all)) closerToConsented += 1;
    }
    const differing = bins.filter((bin) => (everyone.get(bin.key) ?? 0) > (consented.get(bin.key) ?? 0) + 10);
    expect(differing.length).toBeGreaterThan(0);
    expect(closerToConsented).toBeGreaterThanOrEqual(differing.length);
  });

  it('charges the analyst’s budget and refuses a query it cannot cover, computing nothing', async () => {
    const before = (await call(h, 'GET', '/v1/analytics/dp/budget', h.staff.analyst)).json();
    const viewing = before.datasets.find((d: { dataset: string }) => d.dataset === 'viewing');
    expect(viewing.limit).toEqual({ epsilon: 25, delta: 1e-5 });
    const spentSoFar = 25 - viewing.remaining.epsilon;

    const popular = await call(h, 'POST', '/v1/analytics/dp/queries', h.staff.analyst, {
      query: 'item_popularity',
      epsilon: 10,
      top: 5,
    });
    expect(popular.statusCode, popular.body).toBe(200);
    expect(popular.json().bins).toHaveLength(5);
    const values = (popular.json().bins as Bin[]).map((bin) => bin.value);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(popular.json().budget.remaining.epsilon).toBeCloseTo(25 - spentSoFar - 10, 6);

    const remaining = 25 - spentSoFar - 10;
    const refused = await call(h, 'POST', '/v1/analytics/dp/queries', h.staff.analyst, {
      query: 'viewers_per_genre',
      epsilon: Math.min(10, remaining + 0.5),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      type: 'https://candor.dev/problems/privacy-budget-exceeded',
      field: 'epsilon',
    });
    expect(refused.json().detail).toMatch(/privacy budget exceeded/);
    const after = (await call(h, 'GET', '/v1/analytics/dp/budget', h.staff.analyst)).json();
    expect(
      after.datasets.find((d: { dataset: string }) => d.dataset === 'viewing').remaining.epsilon,
    ).toBeCloseTo(remaining, 6);
    // The other dataset has its own budget.
    expect(
      after.datasets.find((d: { dataset: string }) => d.dataset === 'served_lists').remaining.epsilon,
    ).toBe(25);

    const denied = await h.t.store.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('action', '=', 'analytics.dp_query')
      .execute();
    expect(denied.map((entry) => entry.outcome)).toContain('denied');
  });

  it('sums served slots by creator group, clamped per viewer, from consenting viewers only', async () => {
    const served: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await call(h, 'GET', '/v1/recommendations?limit=10', h.viewer);
      expect(response.statusCode).toBe(200);
      served.push(...response.json().items.map((item: { itemId: string }) => item.itemId));
    }
    const over = await call(h, 'POST', '/v1/analytics/dp/queries', h.staff.analyst, {
      query: 'exposure_by_creator_group',
      epsilon: 10,
      upper: 20,
    });
    expect(over.statusCode, over.body).toBe(200);
    expect(over.json().contributionBounds).toEqual({ maxKeys: 3, lower: 0, upper: 20 });
    expect((over.json().bins as Bin[]).map((bin) => bin.key)).toEqual([
      'underrepresented',
      'other',
      'unknown',
    ]);

    // With an ε far above what the policy allows, the noise is almost surely 0: the bins are the truth.
    const ctx = h.built.context;
    const deps = {
      db: h.t.store.db,
      consents: ctx.consents,
      pseudonymizer: ctx.pseudonymizer,
      ledger: new PrivacyBudgetLedger(new MemoryBudgetStore(), { default: { epsilon: 1e6, delta: 0 } }),
    };
    const request = {
      query: 'exposure_by_creator_group',
      epsilon: 2000,
      mechanism: 'laplace',
      top: 20,
    } as const;
    const groups = await creatorGroupsOf(served);
    const expected = { underrepresented: 0, other: 0, unknown: 0 };
    for (const item of served) expected[groups.get(item) ?? 'unknown'] += 1;
    const exact = await runDpQuery(deps, 'analyst', { ...request, upper: 5 });
    const got = Object.fromEntries(exact.bins.map((bin) => [bin.key, bin.value]));
    expect(consenting.has(h.viewer.subjectId)).toBe(true);
    expect(got).toEqual({
      underrepresented: Math.min(expected.underrepresented, 5),
      other: Math.min(expected.other, 5),
      unknown: Math.min(expected.unknown, 5),
    });
    await ctx.consents.grantMany([{ subjectId: h.viewer.subjectId, purpose: 'analytics', granted: false }], {
      at: new Date().toISOString(),
      method: 'api',
      actor: 'test',
      textVersion: ctx.purposes.textVersion,
    });
    const withdrawn = await runDpQuery(deps, 'analyst', { ...request, upper: 5 });
    expect(withdrawn.bins.map((bin) => bin.value)).toEqual([0, 0, 0]);
  });

  async function creatorGroupsOf(
    itemIds: string[],
  ): Promise<Map<string, 'underrepresented' | 'other' | 'unknown'>> {
    const rows = await h.t.store.db
      .selectFrom('item_creators')
      .innerJoin('creators', 'creators.id', 'item_creators.creator_id')
      .select(['item_creators.item_id as item', 'creators.underrepresented as flag'])
      .where('item_creators.item_id', 'in', itemIds)
      .execute();
    const out = new Map<string, 'underrepresented' | 'other' | 'unknown'>();
    for (const id of itemIds) {
      const flags = rows.filter((row) => row.item === id).map((row) => row.flag);
      out.set(
        id,
        flags.includes(1)
          ? 'underrepresented'
          : flags.length > 0 && flags.every((f) => f === 0)
            ? 'other'
            : 'unknown',
      );
    }
    return out;
  }

  it('refuses viewers, and names the field of a malformed query', async () => {
    const viewer = await call(h, 'POST', '/v1/analytics/dp/queries', h.viewer, {
      query: 'viewers_per_genre',
      epsilon: 1,
    });
    expect(viewer.statusCode).toBe(403);
    for (const [body, field] of [
      [{ query: 'viewers_per_genre', epsilon: 1, mechanism: 'gaussian' }, 'delta'],
      [{ query: 'viewers_per_genre', epsilon: 0 }, 'epsilon'],
      [{ query: 'everything', epsilon: 1 }, 'query'],
    ] as const) {
      const bad = await call(h, 'POST', '/v1/analytics/dp/queries', h.staff.analyst, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().field).toBe(field);
    }
  });
});
