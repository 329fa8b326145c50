import { describe, expect, it } from 'vitest';
import { promotionPolicySchema } from '../../config/governance-policy.js';
import type { AuditFigures } from './audit-figures.js';
import type { ScorecardData } from './scorecard-data.js';
import { scorecardTargets } from './scorecard-targets.js';

const thresholds = promotionPolicySchema.parse({
  thresholds: { minGroupFairnessRatio: 0.8, minExposureRatio: 0.7, minCoverage: 0.1, minAccuracy: 0.2 },
}).thresholds;

const frame = (grouping: string, ratio: number, compared = true): AuditFigures['fairness'][number] => ({
  grouping,
  ratio: { value: ratio, ci: [ratio - 0.1, ratio + 0.1] },
  difference: { value: 0.1, ci: [0, 0.2] },
  worstGroup: compared ? 'a' : null,
  bestGroup: compared ? 'b' : null,
  groups: [],
  hiddenGroups: 0,
});

function audit(overrides: Partial<AuditFigures> = {}): AuditFigures {
  return {
    quality: {
      metric: 'ndcg@10',
      evaluatedViewers: 100,
      overall: { group: 'overall', n: 100, mean: 0.25, ci: [0.2, 0.3] },
      coverage: 0.05,
      gini: 0.6,
      confidence: 0.95,
      resamples: 100,
      minGroupSize: 20,
    },
    fairness: [frame('gender', 0.9), frame('activity', 0.6), frame('ageBand', 1, false)],
    fairnessSkipped: [],
    exposure: [
      {
        attribute: 'creatorGroup',
        groups: [
          {
            group: 'underrepresented',
            items: 10,
            catalogShare: 0.2,
            exposureShare: 0.15,
            relevanceShare: 0.2,
            exposureToCatalog: 0.75,
          },
        ],
      },
    ],
    cohorts: { meanError: 0.7, worst: [], best: [] },
    ...overrides,
  };
}

const gate: NonNullable<ScorecardData['gate']> = {
  id: 'g1',
  createdAt: '2025-01-01T00:00:00.000Z',
  passed: true,
  baselineId: 'p1',
  policyVersion: 'v',
  checks: [
    {
      id: 'accuracy-relative',
      label: 'relative',
      value: 0.97,
      threshold: 0.98,
      comparison: '>=',
      passed: false,
      skipped: null,
      detail: {},
    },
  ],
  failures: [],
  candidateMetrics: {},
  baselineMetrics: null,
};

const byId = (targets: ReturnType<typeof scorecardTargets>) => new Map(targets.map((t) => [t.id, t]));

describe('scorecardTargets', () => {
  it('judges each measured figure against the policy threshold', () => {
    const targets = byId(
      scorecardTargets({
        thresholds,
        audit: audit(),
        gate: null,
        requiredSignoffs: ['analyst'],
        signoffs: [],
      }),
    );
    expect(targets.get('accuracy-floor')).toMatchObject({ value: 0.25, threshold: 0.2, status: 'meets' });
    expect(targets.get('group-fairness:gender')?.status).toBe('meets');
    expect(targets.get('group-fairness:activity')).toMatchObject({ status: 'misses', threshold: 0.8 });
    expect(targets.get('group-fairness:ageBand')?.status).toBe('not-measured');
    expect(targets.get('exposure:underrepresented')).toMatchObject({ value: 0.75, status: 'meets' });
    expect(targets.get('coverage')).toMatchObject({ status: 'misses', share: true });
  });

  it('leaves gate-only figures and sign-offs unmeasured without a gate report', () => {
    const targets = byId(
      scorecardTargets({
        thresholds,
        audit: audit(),
        gate: null,
        requiredSignoffs: ['analyst'],
        signoffs: [],
      }),
    );
    for (const id of ['accuracy-relative', 'catalog-safety', 'signoffs'])
      expect(targets.get(id)?.status).toBe('not-measured');
  });

  it('takes gate checks against the current policy and counts the required roles signed', () => {
    const targets = byId(
      scorecardTargets({
        thresholds,
        audit: audit({ exposure: [] }),
        gate,
        requiredSignoffs: ['analyst', 'auditor'],
        signoffs: [{ role: 'analyst', accountId: 'a1', username: 'ann', at: 'now', comment: null }],
      }),
    );
    expect(targets.get('accuracy-relative')).toMatchObject({
      value: 0.97,
      threshold: 0.98,
      status: 'misses',
    });
    expect(targets.get('catalog-safety')?.status).toBe('not-measured');
    expect(targets.get('exposure:underrepresented')?.status).toBe('not-measured');
    expect(targets.get('signoffs')).toMatchObject({ value: 1, threshold: 2, status: 'misses' });
    expect(targets.get('signoffs')?.note).toContain('auditor');
  });
});
