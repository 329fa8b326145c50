import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticDataset } from '../../catalog/synthetic/write-synthetic.js';
import { type AuditDataset, readAuditDataset } from './audit-dataset.js';
import { activityQuartiles, type AuditOptions, type AuditReport, runAudit } from './run-audit.js';

const options: AuditOptions = {
  algorithm: 'ease',
  k: 10,
  split: { kind: 'stratified', ratio: 0.75 },
  seed: 42,
  resamples: 200,
};

describe('activityQuartiles', () => {
  it('buckets counts by quartile and labels each bucket with its range', () => {
    expect(activityQuartiles([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([
      'Q1 (1-3)',
      'Q1 (1-3)',
      'Q1 (1-3)',
      'Q2 (4-5)',
      'Q2 (4-5)',
      'Q3 (6-7)',
      'Q3 (6-7)',
      'Q4 (8-9)',
      'Q4 (8-9)',
    ]);
    // Ties stay together: an empty bucket rather than equal viewers apart.
    expect(new Set(activityQuartiles([5, 5, 5, 5, 9]))).toEqual(new Set(['Q1 (5-5)', 'Q4 (9-9)']));
  });
});

// Small synthetic worlds: 300 items and 400 viewers audit in a few seconds. Generator seed 7 is one
// where the world's own noise is well away from the decision (across generator seeds 1 to 12 and 42 the
// check was right for both biases at this size).
describe('runAudit on synthetic data with a planted exposure bias', () => {
  const root = { dir: '' };
  const audits = new Map<number, { dataset: AuditDataset; report: AuditReport }>();

  beforeAll(async () => {
    root.dir = await mkdtemp(join(tmpdir(), 'candor-audit-'));
    for (const exposureBias of [0.4, 1]) {
      const dir = join(root.dir, `bias-${exposureBias}`);
      await writeSyntheticDataset(dir, { items: 300, viewers: 400, exposureBias, seed: 7 });
      const dataset = await readAuditDataset(dir);
      audits.set(exposureBias, { dataset, report: await runAudit(dataset, options) });
    }
  }, 60_000);
  afterAll(() => rm(root.dir, { recursive: true, force: true }));

  const audit = (bias: number) => audits.get(bias) as { dataset: AuditDataset; report: AuditReport };

  it('detects the planted bias (multiplier 0.4) against the ground truth', () => {
    const planted = audit(0.4).report.plantedBias;
    expect(planted).toMatchObject({ group: 'underrepresented', exposureMultiplier: 0.4, detected: true });
    expect(planted?.exposureToRelevance).toBeLessThan(planted?.threshold as number);
    expect(planted?.measured.interactionShare).toBeLessThan(planted?.groundTruth.relevanceShare as number);
  });

  it('reports no bias when none was planted (multiplier 1)', () => {
    expect(audit(1).report.plantedBias).toMatchObject({ exposureMultiplier: 1, detected: false });
  });

  it('reports every part of the audit, as plain JSON', () => {
    const { report, dataset } = audit(0.4);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report).toMatchObject({ algorithm: 'ease', split: 'stratified:0.75', k: 10, metric: 'ndcg@10' });
    expect(report.sizes.viewers).toBe(dataset.events.userIds.length);
    expect(report.overall.ci[0]).toBeLessThanOrEqual(report.overall.mean);
    expect(report.overall.ci[1]).toBeGreaterThanOrEqual(report.overall.mean);
    expect(report.fairness.map((f) => f.attribute)).toEqual([
      'gender',
      'ageBand',
      'occupation',
      'profileKind',
      'activity',
      'gender|ageBand',
    ]);
    for (const frame of report.fairness) {
      expect(frame.byGroup.reduce((n, g) => n + g.n, 0)).toBe(report.sizes.evaluatedViewers);
    }
    expect(report.exposure.byAttribute.map((a) => a.attribute)).toEqual(['creatorGroup', 'popularity']);
    for (const { groups } of report.exposure.byAttribute) {
      expect(groups.reduce((s, g) => s + g.exposureShare, 0)).toBeCloseTo(1, 3);
      expect(groups.reduce((s, g) => s + g.relevanceShare, 0)).toBeCloseTo(1, 3);
    }
    const cohorts = report.errorAnalysis.cohorts;
    expect(cohorts.reduce((n, c) => n + c.size, 0)).toBe(report.sizes.evaluatedViewers);
    expect(cohorts.map((c) => c.errorRate)).toEqual(
      [...cohorts.map((c) => c.errorRate)].sort((a, b) => b - a),
    );
    expect(report.dataBias.items.map((r) => r.attribute)).toEqual(['creatorGroup', 'popularity']);
    expect(report.skipped).toEqual([]);
  });

  it('audits only the groupings asked for and skips single-valued ones', async () => {
    const { dataset } = audit(1);
    const noConsent: AuditDataset = {
      ...dataset,
      viewers: { ...dataset.viewers, gender: dataset.viewers.gender.map(() => 'not consented') },
    };
    const report = await runAudit(noConsent, {
      ...options,
      groupBy: ['gender', 'ageBand', 'gender|ageBand'],
      resamples: 50,
    });
    expect(report.fairness.map((f) => f.attribute)).toEqual(['ageBand']);
    expect(report.skipped).toEqual([
      { attribute: 'gender', reason: 'one value (not consented) among evaluated viewers' },
      { attribute: 'gender|ageBand', reason: 'gender has one value among evaluated viewers' },
    ]);
    expect(report.plantedBias?.detected).toBe(false);
  });

  it('leaves out creator exposure and the planted-bias check when no creator is known', async () => {
    const { dataset } = audit(0.4);
    const report = await runAudit(
      { ...dataset, itemCreatorGroups: dataset.itemCreatorGroups.map(() => 'unknown') },
      { ...options, groupBy: ['activity'], resamples: 50 },
    );
    expect(report.plantedBias).toBeNull();
    expect(report.exposure.byAttribute.map((a) => a.attribute)).toEqual(['popularity']);
    expect(report.skipped.map((s) => s.attribute)).toEqual(['creatorGroup', 'plantedBias']);
  });
});
