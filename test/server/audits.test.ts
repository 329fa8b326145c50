import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';
import { call, countRows, expectProblem } from './api-helpers.js';

interface Job {
  id: string;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  report: {
    overall: { mean: number; n: number };
    fairness: { attribute: string; byGroup: { group: string; n: number }[]; ratio: { value: number } }[];
    exposure: { byAttribute: { attribute: string; groups: { group: string; exposureShare: number }[] }[] };
    dataBias: { viewers: { groups: { population: number }[] }[] };
    suppressedGroups: number;
    dataset: { path: string };
  } | null;
}

describe('audits over HTTP', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await apiHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const finished = async (id: string): Promise<Job> => {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      const response = await call(h, 'GET', `/v1/analytics/audits/${id}`, h.staff.analyst);
      expect(response.statusCode).toBe(200);
      const job = response.json() as Job;
      if (job.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the audit did not finish');
  };

  it('runs an audit of the stored data for an analyst, with small viewer groups suppressed', async () => {
    const started = await call(h, 'POST', '/v1/analytics/audits', h.staff.analyst, { resamples: 200 });
    expect(started.statusCode, started.body).toBe(202);
    const { id, status } = started.json() as Job;
    expect(status).toBe('running');
    expectProblem(await call(h, 'POST', '/v1/analytics/audits', h.staff.analyst, {}), 409);
    const job = await finished(id);
    expect(job.error).toBeNull();
    expect(job.status).toBe('done');
    const report = job.report as NonNullable<Job['report']>;
    expect(report.dataset.path).toBe('store');
    expect(report.overall.n).toBeGreaterThan(0);
    expect(report.overall.mean).toBeGreaterThan(0);
    const creator = report.exposure.byAttribute.find((a) => a.attribute === 'creatorGroup');
    expect(creator?.groups.map((g) => g.group)).toContain('underrepresented');
    for (const frame of report.fairness)
      for (const group of frame.byGroup) expect(group.n).toBeGreaterThanOrEqual(5);
    for (const r of report.dataBias.viewers)
      for (const group of r.groups) expect(group.population).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(report)).not.toContain(h.viewer.subjectId);
    const listed = (await call(h, 'GET', '/v1/analytics/audits', h.staff.analyst)).json() as {
      audits: Job[];
    };
    expect(listed.audits[0]?.id).toBe(id);
    expect(await countRows(h, 'audit_log', ['action', 'analytics.audit-start'])).toBe(1);
  }, 60_000);

  it('refuses a bad request naming the field, viewers and unknown audits', async () => {
    expectProblem(
      await call(h, 'POST', '/v1/analytics/audits', h.staff.analyst, { split: 'sideways' }),
      400,
      'split',
    );
    expectProblem(
      await call(h, 'POST', '/v1/analytics/audits', h.staff.analyst, { algorithm: 'magic' }),
      400,
      'algorithm',
    );
    expect((await call(h, 'POST', '/v1/analytics/audits', h.viewer, {})).statusCode).toBe(403);
    expect((await call(h, 'GET', '/v1/analytics/audits', h.staff.auditor)).statusCode).toBe(403);
    expectProblem(
      await call(h, 'GET', '/v1/analytics/audits/01900000-0000-7000-8000-000000000000', h.staff.analyst),
      404,
      'id',
    );
  });
});
