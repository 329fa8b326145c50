import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSyntheticParams, writeSyntheticDataset } from '../../src/catalog/synthetic/index.js';
import { monitoringPolicySchema } from '../../src/config/governance-policy.js';
import { AuditLog } from '../../src/governance/audit/audit-log.js';
import { AlertSink } from '../../src/governance/monitoring/alerts.js';
import { type DriftDeps, runDrift } from '../../src/governance/monitoring/drift.js';
import { listDriftReports } from '../../src/governance/monitoring/monitoring-reads.js';
import { runImport } from '../../src/import/import-runner.js';
import { openImportSource } from '../../src/import/open-import-source.js';
import type { ModelManifest } from '../../src/models/model-artifact.js';
import { trainModel } from '../../src/models/train-model.js';
import { newId } from '../../src/store/ids.js';
import { TEST_IMPORT_CONSENT } from '../support/consent.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { sqliteTestStore, type TestStore } from '../support/test-stores.js';

/**
 * runDrift over a store, without HTTP: the baseline it picks, the minimum sample, and the fairness check
 * on served lists. The synthetic log ends on 2026-06-30, so a window ending in September holds only what
 * a test adds.
 */
const NOW = new Date('2026-09-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const policy = monitoringPolicySchema.parse({ drift: { windowDays: 7, minEvents: 50 } });

describe('drift runs on a store', () => {
  let t: TestStore;
  let audit: AuditLog;
  let items: { key: number; id: string; group: 'underrepresented' | 'other' }[];
  let subjectKeys: number[];
  let batchKey: number;
  let eventCounter = 0;

  beforeAll(async () => {
    t = await sqliteTestStore();
    const dataset = tempDir('candor-drift-data-');
    await writeSyntheticDataset(dataset, parseSyntheticParams({ items: 60, viewers: 30, seed: 5 }));
    await runImport(t.store, await openImportSource(dataset), { consent: TEST_IMPORT_CONSENT });
    audit = new AuditLog(t.store);
    const db = t.store.db;
    const credits = await db
      .selectFrom('items')
      .innerJoin('item_creators', 'item_creators.item_id', 'items.id')
      .innerJoin('creators', 'creators.id', 'item_creators.creator_id')
      .select(['items.key', 'items.id', 'creators.underrepresented'])
      .execute();
    const flags = new Map<number, { id: string; any: boolean; all: boolean }>();
    for (const c of credits) {
      const f = flags.get(c.key) ?? { id: c.id, any: false, all: true };
      f.any ||= c.underrepresented === 1;
      f.all &&= c.underrepresented === 0;
      flags.set(c.key, f);
    }
    items = [...flags].flatMap(([key, f]): typeof items => {
      if (f.any) return [{ key, id: f.id, group: 'underrepresented' }];
      return f.all ? [{ key, id: f.id, group: 'other' }] : [];
    });
    subjectKeys = (await db.selectFrom('subjects').select('key').orderBy('key').execute()).map((s) => s.key);
    batchKey = (
      await db
        .insertInto('ingest_batches')
        .values({ id: newId(), source: 'test', files: '[]', report: null, created_at: NOW.toISOString() })
        .returning('key')
        .executeTakeFirstOrThrow()
    ).key;
  }, 60_000);
  afterAll(async () => {
    await audit.close();
    await t.dispose();
  });

  const deps = (production?: ModelManifest): DriftDeps => ({
    store: t.store,
    production,
    policy,
    alerts: new AlertSink({ db: t.store.db, audit, log: { warn: () => undefined } }),
    audit,
  });
  const run = (production?: ModelManifest) => runDrift(deps(production), { now: NOW, actor: 'cli:tester' });

  /** Recent events on the given items, spread over the window's last days. */
  const addEvents = async (itemKeys: readonly number[], n: number) => {
    await t.store.db
      .insertInto('interactions')
      .values(
        Array.from({ length: n }, (_, e) => ({
          idempotency_key: `drift-${(eventCounter += 1)}`,
          subject_key: subjectKeys[e % subjectKeys.length] as number,
          item_key: itemKeys[e % itemKeys.length] as number,
          kind: 'view',
          value: null,
          occurred_at: new Date(NOW.getTime() - ((e % 5) + 1) * DAY_MS).toISOString(),
          batch_key: batchKey,
        })),
      )
      .execute();
  };
  const serve = async (itemIds: readonly string[], days: number) => {
    for (let d = 0; d < days; d += 1) {
      for (let list = 0; list < 4; list += 1) {
        await t.store.db
          .insertInto('decision_records')
          .values({
            id: newId(),
            subject: `pseudonym-${list}`,
            created_at: new Date(NOW.getTime() - (d + 0.5) * DAY_MS).toISOString(),
            surface: 'home',
            model_id: 'test-model',
            policy_version: 'test',
            consent: JSON.stringify({ personalization: true, source: 'viewer', version: 1 }),
            stages: '[]',
            items: JSON.stringify(
              itemIds.map((itemId, at) => ({ itemId, score: 1 - at / 100, rank: at + 1, reasons: [] })),
            ),
          })
          .execute();
      }
    }
  };

  it('with no production model compares with everything before the window, and says so', async () => {
    const { report, alerts } = await run();
    expect(report.baseline.kind).toBe('before-window');
    expect(report.baseline.description).toMatch(/no production model/);
    const imported = Number(
      (
        await t.store.db
          .selectFrom('interactions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(report.baseline.events).toBe(imported);
    expect(report.recentEvents).toBe(0);
    expect(report.distributions.map((d) => d.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(report.fairness).toMatchObject({
      status: 'skipped',
      reason: 'no lists were served in the window',
    });
    expect(alerts).toEqual([]);
    expect((await listDriftReports(t.store.db, 1))[0]).toEqual(report);
  });

  it('reports fewer recent events than the minimum as too small, with no alert', async () => {
    // All on one item: drift if it were judged, but 20 events prove nothing.
    await addEvents([items[0]?.key as number], 20);
    const { report, alerts } = await run();
    expect(report.recentEvents).toBe(20);
    for (const d of report.distributions.slice(0, 3)) {
      expect(d).toMatchObject({ status: 'too-small', psi: null, js: null });
      expect(d.reason).toMatch(/20 recent events, fewer than the policy's minimum of 50/);
    }
    expect(alerts).toEqual([]);
  });

  it('re-reads the production model’s own snapshot as the baseline', async () => {
    const { manifest } = await trainModel(t.store, t.dataDir, {
      algorithm: 'popularity',
      alias: 'production',
    });
    const { report } = await run(manifest);
    expect(report.baseline).toMatchObject({ kind: 'training-snapshot', modelId: manifest.id });
    // The same events training read: up to its sequence number, of viewers who had consented.
    expect(report.baseline.events).toBe(manifest.data.events);
  });

  it('alerts when served lists under-expose under-represented creators, with a daily trend', async () => {
    const other = items.filter((i) => i.group === 'other').slice(0, 10);
    expect(other.length).toBe(10);
    await serve(
      other.map((i) => i.id),
      3,
    );
    const { report, alerts } = await run();
    expect(report.fairness).toMatchObject({ status: 'alert', exposureShare: 0, ratio: 0, slots: 120 });
    expect(report.fairness.catalogShare).toBeGreaterThan(0);
    expect(report.fairness.daily.map((d) => d.slots)).toEqual([40, 40, 40]);
    const served = report.distributions.find((d) => d.name === 'served_genre_mix');
    expect(served?.recentTotal).toBe(120);
    expect(served?.status).not.toBe('skipped');
    const fairness = alerts.filter((a) => a.kind === 'fairness');
    expect(fairness).toHaveLength(1);
    expect(fairness[0]).toMatchObject({
      metric: 'exposure_ratio.underrepresented',
      value: 0,
      threshold: policy.fairness.minExposureRatio,
      severity: 'critical',
      sourceId: report.id,
      delivery: 'not-configured',
    });
  });

  it('finds no fairness problem when served lists favour the group', async () => {
    await t.store.db.deleteFrom('decision_records').execute();
    await serve(
      items
        .filter((i) => i.group === 'underrepresented')
        .slice(0, 10)
        .map((i) => i.id),
      2,
    );
    const { report, alerts } = await run();
    expect(report.fairness.status).toBe('ok');
    expect(report.fairness.exposureShare).toBe(1);
    expect(report.fairness.ratio).toBeCloseTo(1 / (report.fairness.catalogShare as number), 9);
    expect(alerts.filter((a) => a.kind === 'fairness')).toEqual([]);
  });
});
