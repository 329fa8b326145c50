import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseServingPolicy } from '../../src/config/serving-policy.js';
import { runRetention } from '../../src/privacy/retention/run-retention.js';
import { repositoriesFor } from '../../src/store/repositories/index.js';
import { sqliteTestStore, type TestStore } from '../support/test-stores.js';
import { itemRecordSchema, viewerRecordSchema } from '../../src/catalog/catalog-records.js';

describe('retention', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await sqliteTestStore();
  });
  afterEach(async () => t.dispose());

  it('purges each data class once it is older than its limit, as of a controllable clock', async () => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const repos = repositoriesFor(t.store.db, t.store.dialect, () => clock.now, t.store.keyring);
    await repos.catalog.insertItems([
      itemRecordSchema.parse({ externalId: 'i1', title: 'One', kind: 'film' }),
    ]);
    await repos.subjects.insertViewers([
      viewerRecordSchema.parse({ externalId: 'v1', profileKind: 'adult' }),
    ]);
    const subject = (await repos.subjects.getByExternalId('v1'))!;
    const item = await t.store.db.selectFrom('items').select(['id', 'key']).executeTakeFirstOrThrow();
    const batch = await repos.batches.open('test');
    await repos.interactions.append(
      ['2025-01-01T00:00:00Z', '2025-12-20T00:00:00Z'].map((occurredAt, n) => ({
        idempotencyKey: `e${n}`,
        subjectKey: subject.key,
        itemKey: item.key,
        kind: 'view' as const,
        value: null,
        occurredAt,
      })),
      batch.key,
    );
    await repos.feedback.add({
      subjectId: subject.id,
      itemId: item.id,
      kind: 'not-interested',
      reason: 'boring',
    });
    const limits = parseServingPolicy({
      privacy: { retention: { rawEventsDays: 30, freeTextDays: 10, feedbackDays: 100 } },
    }).policy.privacy.retention;

    const early = await runRetention(t.store, limits, { clock: () => new Date('2026-01-05T00:00:00Z') });
    expect(early.purged).toMatchObject({ rawEvents: 1, freeText: 0, feedback: 0 });
    const later = await runRetention(t.store, limits, { clock: () => new Date('2026-01-15T00:00:00Z') });
    expect(later.purged).toMatchObject({ rawEvents: 0, freeText: 1, feedback: 0 });
    const feedback = await t.store.db.selectFrom('feedback').selectAll().executeTakeFirstOrThrow();
    expect(feedback.reason).toBeNull();
    expect(feedback.kind).toBe('not-interested');
    const last = await runRetention(t.store, limits, { clock: () => new Date('2026-05-01T00:00:00Z') });
    expect(last.purged).toMatchObject({ rawEvents: 1, feedback: 1 });
    expect(await t.store.db.selectFrom('interactions').selectAll().execute()).toHaveLength(0);
  });
});
