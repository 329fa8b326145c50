import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { candor } from '../support/run-cli.js';

const SEPTEMBER = '2026-09-01T00:00:00.000Z';

describe('candor drift run / alerts list', () => {
  let data: string;
  let production: string;

  beforeAll(async () => {
    data = tempDir('candor-drift-cli-');
    const generated = await candor(
      '--data-dir',
      data,
      '--json',
      'generate',
      '--items',
      '60',
      '--viewers',
      '40',
      '--seed',
      '3',
    );
    expect(generated.code).toBe(0);
    const trained = await candor(
      '--data-dir',
      data,
      '--json',
      'train',
      '--algo',
      'popularity',
      '--production',
    );
    expect(trained.code).toBe(0);
    production = JSON.parse(trained.stdout).id;
  }, 120_000);
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  const stored = async () => {
    const store = await openStore({ dataDir: data });
    try {
      const reports = await store.db.selectFrom('drift_reports').select(['id', 'model_id']).execute();
      const audited = await store.db
        .selectFrom('audit_log')
        .select(['actor', 'target'])
        .where('action', '=', 'monitoring.drift')
        .execute();
      return { reports, audited };
    } finally {
      await store.close();
    }
  };

  it('compares with the production snapshot, prints one JSON object, stores and audits the report', async () => {
    // The synthetic log ends on 2026-06-30: a week in September is empty, and says so.
    const run = await candor('--data-dir', data, '--json', 'drift', 'run', '--now', SEPTEMBER);
    expect(run.code).toBe(0);
    const { report, alerts } = JSON.parse(run.stdout);
    expect(report.baseline).toMatchObject({ kind: 'training-snapshot', modelId: production });
    expect(report.window.days).toBe(7);
    expect(report.recentEvents).toBe(0);
    expect(alerts).toEqual([]);
    const { reports, audited } = await stored();
    expect(reports).toEqual([{ id: report.id, model_id: production }]);
    expect(report.window.to).toBe(SEPTEMBER);
    expect(audited).toEqual([{ actor: expect.stringMatching(/^cli:/), target: report.id }]);
  });

  it('with a window over the whole log, finds the data like its snapshot', async () => {
    const run = await candor(
      '--data-dir',
      data,
      '--json',
      'drift',
      'run',
      '--window-days',
      '365',
      '--now',
      SEPTEMBER,
    );
    expect(run.code).toBe(0);
    const { report } = JSON.parse(run.stdout);
    expect(report.recentEvents).toBeGreaterThanOrEqual(report.baseline.events);
    const genreMix = report.distributions.find((d: { name: string }) => d.name === 'genre_mix');
    expect(genreMix.status).toBe('ok');
    expect(genreMix.psi).toBeLessThan(0.05);
    const text = await candor('--data-dir', data, 'drift', 'run', '--window-days', '365', '--now', SEPTEMBER);
    expect(text.stdout).toMatch(/^Drift report .*\n {2}genre_mix +ok +PSI \d\.\d{3}/);
  });

  it('refuses a bad window with a usage error and writes nothing', async () => {
    const before = (await stored()).reports.length;
    const run = await candor('--data-dir', data, 'drift', 'run', '--window-days', '0');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--window-days must be a whole number from 1 to 365');
    const badTime = await candor('--data-dir', data, 'drift', 'run', '--now', 'yesterday');
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--now must be an ISO 8601 time');
    expect((await stored()).reports.length).toBe(before);
  });

  it('lists alerts as JSON', async () => {
    const run = await candor('--data-dir', data, '--json', 'alerts', 'list', '--limit', '5');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ alerts: [] });
    expect((await candor('--data-dir', data, 'alerts', 'list', '--limit', 'x')).code).toBe(2);
  });
});
