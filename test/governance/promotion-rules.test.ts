import { describe, expect, it } from 'vitest';
import { parseServingPolicy } from '../../src/config/serving-policy.js';
import type { AuditReport, GroupFairness } from '../../src/evaluate/audit/run-audit.js';
import { type AliasEvent, rollbackTarget } from '../../src/governance/registry/alias-history.js';
import { gateChecks } from '../../src/governance/registry/gate-checks.js';
import type { GateReport } from '../../src/governance/registry/gate-report.js';
import type { Signoff } from '../../src/governance/registry/gate-store.js';
import { promotionReadiness } from '../../src/governance/registry/promotion-readiness.js';

let serial = 0;
const event = (action: string, modelId: string, previousId: string | null = null): AliasEvent => ({
  id: String((serial += 1)),
  alias: 'production',
  modelId,
  previousId,
  action,
  gateId: null,
  actor: 'test',
  reason: null,
  at: new Date(serial * 1000).toISOString(),
});

describe('rollbackTarget', () => {
  it('walks back one promotion per rollback instead of swinging between two versions', () => {
    const events = [event('bootstrap', 'a'), event('promote', 'b', 'a'), event('promote', 'c', 'b')];
    expect(rollbackTarget(events, 'c')).toBe('b');
    const once = [...events, event('rollback', 'b', 'c')];
    expect(rollbackTarget(once, 'b')).toBe('a');
    const twice = [...once, event('rollback', 'a', 'b')];
    expect(rollbackTarget(twice, 'a')).toBeNull();
  });

  it('treats an unlearned copy as the version it replaced, and ignores the candidate alias', () => {
    const events = [
      event('bootstrap', 'a'),
      event('promote', 'b', 'a'),
      { ...event('set', 'x'), alias: 'candidate' },
      event('unlearn', "b'", 'b'),
    ];
    expect(rollbackTarget(events, "b'")).toBe('a');
  });

  it('counts a production moved outside the history as the latest', () => {
    expect(rollbackTarget([event('bootstrap', 'a')], 'z')).toBe('a');
    expect(rollbackTarget([], 'z')).toBeNull();
    expect(rollbackTarget([event('bootstrap', 'a')], 'a')).toBeNull();
  });
});

const frame = (attribute: string, worst: number, best: number, compared = true): GroupFairness =>
  ({
    attribute,
    metric: 'ndcg@10',
    overall: { group: 'overall', n: 60, mean: (worst + best) / 2, ci: [0, 1] },
    byGroup: [
      { group: 'a', n: 30, mean: worst, ci: [worst - 0.05, worst + 0.05] },
      { group: 'b', n: 30, mean: best, ci: [best - 0.05, best + 0.05] },
      { group: 'tiny', n: 3, mean: 0.9, ci: [0.5, 1] },
    ],
    difference: { value: best - worst, ci: [0, 1] },
    ratio: { value: compared ? worst / best : 1, ci: [0.3, 1] },
    worstGroup: compared ? 'a' : null,
    bestGroup: compared ? 'b' : null,
  }) as GroupFairness;

/** The parts of an audit report the checks read; the rest of a real report is irrelevant to them. */
function report(fields: {
  ndcg: number;
  fairness?: GroupFairness[];
  underrepresented?: { items: number; exposureToCatalog: number } | null;
  coverage?: number;
}): AuditReport {
  const groups = fields.underrepresented
    ? [
        {
          group: 'underrepresented',
          items: fields.underrepresented.items,
          catalogShare: 0.2,
          exposureShare: 0.2 * fields.underrepresented.exposureToCatalog,
          relevanceShare: 0.2,
          exposureToCatalog: fields.underrepresented.exposureToCatalog,
          exposureToRelevance: 1,
          coverage: 0.5,
        },
      ]
    : [];
  return {
    k: 10,
    overall: { group: 'overall', n: 60, mean: fields.ndcg, ci: [fields.ndcg - 0.1, fields.ndcg + 0.1] },
    settings: { resamples: 100, confidence: 0.95, minGroupSize: 20 },
    sizes: { viewers: 60, evaluatedViewers: 60, items: 100, trainInteractions: 600, testInteractions: 200 },
    fairness: fields.fairness ?? [],
    skipped: [],
    exposure: {
      catalog: { coverage: fields.coverage ?? 0.5, gini: 0.6 },
      byAttribute: [{ attribute: 'creatorGroup', groups }],
    },
  } as unknown as AuditReport;
}

const thresholds = parseServingPolicy({}).policy.promotion.thresholds;
const safe = { inspected: 10, unsafe: [] };

describe('gateChecks', () => {
  it('fails exactly the thresholds the candidate misses, with values and the groups compared', () => {
    const checks = gateChecks(
      {
        candidate: report({
          ndcg: 0.3,
          fairness: [frame('profileKind', 0.2, 0.4), frame('activity', 0.35, 0.4)],
          underrepresented: { items: 20, exposureToCatalog: 0.5 },
          coverage: 0.01,
        }),
        baseline: report({ ndcg: 0.4 }),
        safety: { inspected: 4, unsafe: [{ itemId: 'i1', heldBy: 'curation', reasons: ['harm:violence'] }] },
      },
      thresholds,
    );
    const failed = checks.filter((c) => !c.passed).map((c) => c.id);
    expect(failed).toEqual([
      'accuracy-relative',
      'group-fairness:profileKind',
      'exposure:underrepresented',
      'coverage',
      'catalog-safety',
    ]);
    expect(checks.find((c) => c.id === 'accuracy-relative')?.value).toBe(0.75);
    const fairness = checks.find((c) => c.id === 'group-fairness:profileKind');
    expect(fairness).toMatchObject({ value: 0.5, detail: { worstGroup: 'a', bestGroup: 'b' } });
    // Groups too small to describe are left out of the report.
    expect((fairness?.detail.groups as { group: string }[]).map((g) => g.group)).toEqual(['a', 'b']);
    expect(checks.find((c) => c.id === 'group-fairness:activity')?.passed).toBe(true);
    expect(checks.find((c) => c.id === 'catalog-safety')).toMatchObject({
      value: 0.25,
      comparison: '<=',
      detail: { heldByCurators: 1, heldByInspection: 0 },
    });
  });

  it('skips, with the reason, what cannot be measured, and a skipped check does not block', () => {
    const checks = gateChecks(
      {
        candidate: report({ ndcg: 0.3, fairness: [frame('gender', 0.1, 0.4, false)] }),
        baseline: null,
        safety: { inspected: 0, unsafe: [] },
      },
      thresholds,
    );
    const skipped = Object.fromEntries(checks.filter((c) => c.skipped).map((c) => [c.id, c.skipped]));
    expect(Object.keys(skipped).sort()).toEqual([
      'accuracy-relative',
      'catalog-safety',
      'exposure:underrepresented',
      'group-fairness',
    ]);
    expect(skipped['accuracy-relative']).toContain('nothing is in production');
    expect(skipped['group-fairness']).toContain('at least 20');
    expect(checks.every((c) => c.passed)).toBe(true);
  });

  it('passes a candidate that meets every threshold', () => {
    const checks = gateChecks(
      {
        candidate: report({
          ndcg: 0.4,
          fairness: [frame('profileKind', 0.38, 0.4)],
          underrepresented: { items: 20, exposureToCatalog: 0.95 },
        }),
        baseline: report({ ndcg: 0.4 }),
        safety: safe,
      },
      thresholds,
    );
    expect(checks.filter((c) => !c.passed)).toEqual([]);
    expect(checks.every((c) => c.skipped === null)).toBe(true);
  });
});

describe('promotionReadiness', () => {
  const policy = parseServingPolicy({});
  const gate = (fields: Partial<GateReport>): GateReport => ({
    id: 'g1',
    modelId: 'm',
    baselineId: 'p',
    policyVersion: policy.version,
    protocol: { split: 'stratified:0.75', seed: 42, k: 10 },
    createdAt: '2026-01-01T00:00:00.000Z',
    requestedBy: 'test',
    passed: true,
    candidate: { metrics: {} },
    baseline: null,
    checks: [],
    failures: [],
    requiredSignoffs: ['analyst', 'auditor'],
    ...fields,
  });
  const signed = (...roles: string[]): Signoff[] =>
    roles.map((role, i) => ({
      id: `s${i}`,
      gateId: 'g1',
      modelId: 'm',
      role,
      accountId: `a${i}`,
      comment: null,
      at: '2026-01-01T00:00:00.000Z',
    }));

  it('is ready only with a passing, current report against production and every sign-off', () => {
    expect(promotionReadiness(gate({}), signed('analyst', 'auditor'), policy, 'p')).toMatchObject({
      ready: true,
      blockers: [],
    });
    expect(promotionReadiness(undefined, [], policy, 'p').blockers[0]).toContain('no gate report');
    const all = promotionReadiness(
      gate({ passed: false, failures: ['coverage: 0.01 below 0.05'], policyVersion: 'policy-old' }),
      signed('auditor'),
      policy,
      'q',
    );
    expect(all.ready).toBe(false);
    expect(all.missingSignoffs).toEqual(['analyst']);
    expect(all.blockers.join('\n')).toMatch(
      /policy-old[\s\S]*coverage[\s\S]*production changed[\s\S]*analyst/,
    );
  });
});
