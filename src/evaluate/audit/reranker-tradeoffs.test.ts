import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticDataset } from '../../catalog/synthetic/write-synthetic.js';
import { rerankerPolicySchema } from '../../config/serving-policy.js';
import { readAuditDataset } from './audit-dataset.js';
import { type AuditReport, runAudit } from './run-audit.js';
import type { RerankerTradeoffs } from './reranker-tradeoffs.js';

describe('the reranker trade-off table of an audit', () => {
  const root = { dir: '' };
  let report: AuditReport;

  beforeAll(async () => {
    root.dir = await mkdtemp(join(tmpdir(), 'candor-tradeoffs-'));
    await writeSyntheticDataset(root.dir, { items: 200, viewers: 150, seed: 3 });
    report = await runAudit(await readAuditDataset(root.dir), {
      algorithm: 'ease',
      k: 10,
      split: { kind: 'stratified', ratio: 0.75 },
      seed: 42,
      resamples: 100,
      tradeoffs: {
        poolSize: 100,
        policy: [
          rerankerPolicySchema.parse({ kind: 'calibration', lambda: 0.9 }),
          rerankerPolicySchema.parse({ kind: 'exploration-slot', slot: 3, surfaces: ['home'] }),
          rerankerPolicySchema.parse({ kind: 'fair-exposure', surfaces: ['search'] }),
        ],
      },
    });
  }, 60_000);
  afterAll(() => rm(root.dir, { recursive: true, force: true }));

  const table = () => report.tradeoffs as RerankerTradeoffs;

  it('starts from the model order and measures every reranker kind once, then the policy as served', () => {
    const rows = table().rows;
    expect(rows.map((row) => row.kind)).toEqual([
      'baseline',
      'reranker',
      'reranker',
      'reranker',
      'reranker',
      'reranker',
      'reranker',
      'reranker',
      'policy',
    ]);
    expect(rows[0]).toMatchObject({ label: 'model order', ndcgLoss: 0, inPolicy: false });
    expect(rows.slice(1, 8).map((row) => row.rerankers[0])).toEqual([
      'diversity',
      'calibration',
      'popularity-debias',
      'tail-boost',
      'exposure-rotation',
      'fair-exposure',
      'exploration-slot',
    ]);
    // Only the home surface's rerankers run in the chain, in the policy's order.
    expect(rows[8]?.rerankers).toEqual(['calibration', 'exploration-slot']);
    expect(table()).toMatchObject({ surface: 'home', k: 10, poolSize: 100 });
  });

  it("uses the policy's settings where it lists a reranker, the defaults otherwise", () => {
    const row = (kind: string) => table().rows.find((r) => r.kind === 'reranker' && r.rerankers[0] === kind);
    expect(row('calibration')).toMatchObject({ inPolicy: true, params: { lambda: 0.9 } });
    expect(row('calibration')?.label).toContain('policy settings');
    expect(row('diversity')).toMatchObject({ inPolicy: false, params: { lambda: 0.3 } });
    expect(row('exploration-slot')?.params).toMatchObject({ slot: 3 });
  });

  it('shows what each reranker buys for the accuracy it costs', () => {
    const [baseline] = table().rows;
    const calibration = table().rows.find((r) => r.rerankers.join() === 'calibration');
    // Calibration trades relevance for a genre mix closer to the history: lower KL, some nDCG lost.
    expect(calibration?.calibrationKl).toBeLessThan(baseline?.calibrationKl as number);
    expect(calibration?.ndcgLoss).toBeGreaterThan(0);
    // The loss is measured against the model order's own nDCG.
    expect(calibration?.ndcgLoss).toBeCloseTo(1 - (calibration?.ndcg ?? 0) / (baseline?.ndcg ?? 1), 3);
    for (const row of table().rows) {
      expect(row.catalogCoverage).toBeGreaterThan(0);
      expect(row.underrepresentedExposure).not.toBeNull();
    }
  });

  it('is absent when the audit is not given the policy', async () => {
    const plain = await runAudit(await readAuditDataset(root.dir), {
      algorithm: 'popularity',
      k: 10,
      split: { kind: 'stratified', ratio: 0.75 },
      seed: 42,
      resamples: 100,
    });
    expect(plain.tradeoffs).toBeNull();
  });
});
