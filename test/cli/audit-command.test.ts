import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticDataset } from '../../src/catalog/synthetic/write-synthetic.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { candor } from '../support/run-cli.js';

describe('candor audit', () => {
  const dirs = { data: '', dataset: '' };
  beforeAll(async () => {
    dirs.data = tempDir('candor-audit-cli-');
    dirs.dataset = join(tempDir('candor-audit-data-'), 'synthetic');
    await writeSyntheticDataset(dirs.dataset, { items: 120, viewers: 150, seed: 3 });
  });
  afterAll(() => {
    rmSync(dirs.data, { recursive: true, force: true });
    rmSync(join(dirs.dataset, '..'), { recursive: true, force: true });
  });

  it('prints the whole report as one JSON object with --json', async () => {
    const run = await candor(
      '--data-dir',
      dirs.data,
      '--json',
      'audit',
      '--data',
      dirs.dataset,
      '--algo',
      'popularity',
      '--k',
      '5',
      '--resamples',
      '50',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      dataset: { path: dirs.dataset, format: 'candor-jsonl' },
      algorithm: 'popularity',
      split: 'stratified:0.75',
      seed: 42,
      k: 5,
      metric: 'ndcg@5',
      settings: { resamples: 50, confidence: 0.95, minGroupSize: 20 },
      overall: { group: 'overall' },
      plantedBias: { group: 'underrepresented', exposureMultiplier: 0.5 },
    });
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['sizes', 'fairness', 'skipped', 'exposure', 'errorAnalysis', 'dataBias']),
    );
    expect(report.fairness[0]).toHaveProperty('ratio.ci');
    expect(report.exposure.byAttribute[0].groups[0]).toHaveProperty('exposureToRelevance');
    expect(report.errorAnalysis.cohorts[0]).toHaveProperty('shareOfError');
    expect(typeof report.plantedBias.detected).toBe('boolean');
  });

  it('prints a readable summary without --json', async () => {
    const run = await candor('--data-dir', dirs.data, 'audit', '--data', dirs.dataset, '--resamples', '50');
    expect(run.code).toBe(0);
    for (const heading of [
      'Group fairness',
      'Exposure share',
      'Worst cohorts',
      'Data bias',
      'Planted bias',
    ]) {
      expect(run.stdout).toContain(heading);
    }
  });

  it('refuses bad options with a usage error naming the option', async () => {
    const cases: [string[], string][] = [
      [['--split', 'sideways'], '--split'],
      [['--algo', 'magic'], '--algo'],
      [['--params', '{"lambda": -1}'], '--params'],
      [['--k', '0'], '--k'],
    ];
    for (const [args, option] of cases) {
      const run = await candor('--data-dir', dirs.data, 'audit', '--data', dirs.dataset, ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(option);
    }
    const missing = await candor(
      '--data-dir',
      dirs.data,
      '--json',
      'audit',
      '--data',
      join(dirs.data, 'nope'),
    );
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({
      exitCode: 2,
      error: expect.stringContaining('--data'),
    });
  });
});
