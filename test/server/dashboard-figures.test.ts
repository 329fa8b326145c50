import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';
import { call, countRows, expectProblem } from './api-helpers.js';

interface SafetyFigures {
  since: string;
  decisions: { surface: string; action: string; count: number }[];
  queue: { pending: number; approved: number; rejected: number };
}

interface PrivacyFigures {
  subjects: number;
  consent: { purpose: string; title: string; granted: number; rate: number }[];
  erasures: number;
  lastErasureAt: string | null;
  dpBudget: { dataset: string; queries: number; maxEpsilonSpent: number; epsilonLimit: number }[];
}

describe("the dashboard's safety and privacy figures", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await apiHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('counts safety decisions by surface and action, and the curator queue by status', async () => {
    for (const query of ['space', 'space, write to jane.doe@example.com']) {
      const search = await call(h, 'GET', `/v1/items?query=${encodeURIComponent(query)}`, h.viewer);
      expect(search.statusCode, search.body).toBe(200);
    }
    const [first, second] = await h.t.store.db.selectFrom('items').select('id').limit(2).execute();
    const reasons = [
      { kind: 'harm' as const, type: 'violence', message: 'violent content', action: 'block' as const },
    ];
    await h.built.context.safetyQueue.hold('item', first?.id as string, reasons);
    await h.built.context.safetyQueue.hold('item', second?.id as string, reasons);
    const entries = (await call(h, 'GET', '/v1/safety/queue', h.staff.curator)).json().entries;
    await call(h, 'POST', `/v1/safety/queue/${entries[0].id}/decision`, h.staff.curator, {
      decision: 'rejected',
    });

    const response = await call(h, 'GET', '/v1/analytics/safety?days=7', h.staff.analyst);
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json() as SafetyFigures;
    const search = figures.decisions.filter((d) => d.surface === 'search');
    expect(search.reduce((sum, d) => sum + d.count, 0)).toBe(2);
    expect(search.find((d) => d.action === 'redact')?.count, JSON.stringify(search)).toBe(1);
    expect(figures.queue).toEqual({ pending: 1, approved: 0, rejected: 1 });
    expect(Date.parse(figures.since)).toBeLessThan(Date.now() - 6 * 86_400_000);
    expect(JSON.stringify(figures)).not.toContain('jane');
    expect(await countRows(h, 'audit_log', ['action', 'analytics.safety-figures'])).toBe(1);
  });

  it('reports consent rates per purpose, erasures and the DP budget spent', async () => {
    const query = await call(h, 'POST', '/v1/analytics/dp/queries', h.staff.analyst, {
      query: 'viewers_per_genre',
      epsilon: 0.5,
    });
    expect(query.statusCode, query.body).toBe(200);

    const response = await call(h, 'GET', '/v1/analytics/privacy', h.staff.analyst);
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json() as PrivacyFigures;
    expect(figures.subjects).toBeGreaterThan(0);
    const purposes = figures.consent.map((c) => c.purpose);
    expect(purposes).toContain('personalization');
    for (const c of figures.consent) {
      expect(c.rate).toBeCloseTo(c.granted / figures.subjects, 6);
      expect(c.rate).toBeGreaterThanOrEqual(0);
      expect(c.rate).toBeLessThanOrEqual(1);
    }
    expect(figures.consent.find((c) => c.purpose === 'personalization')?.rate).toBeGreaterThan(0);
    expect(figures.erasures).toBe(0);
    const spent = figures.dpBudget.find((d) => d.queries > 0);
    expect(spent?.maxEpsilonSpent).toBeCloseTo(0.5, 6);
    expect(spent?.epsilonLimit).toBeGreaterThan(0.5);
  });

  it('answers only the roles whose permission the route names', async () => {
    // Safety figures are monitoring figures; privacy figures are aggregates for analysts.
    expect((await call(h, 'GET', '/v1/analytics/safety', h.staff.auditor)).statusCode).toBe(200);
    expect((await call(h, 'GET', '/v1/analytics/safety', h.staff.admin)).statusCode).toBe(200);
    for (const who of [h.viewer, h.staff.curator]) {
      expect((await call(h, 'GET', '/v1/analytics/safety', who)).statusCode).toBe(403);
    }
    for (const who of [h.viewer, h.staff.auditor, h.staff.admin, h.staff.curator]) {
      expect((await call(h, 'GET', '/v1/analytics/privacy', who)).statusCode).toBe(403);
    }
    expectProblem(await call(h, 'GET', '/v1/analytics/safety?days=0', h.staff.analyst), 400, 'days');
  });
});
