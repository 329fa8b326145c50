import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAgeBand } from '../../src/store/repositories/subject-repository.js';
import type { CreatorRecord, ItemRecord, ViewerRecord } from '../../src/catalog/catalog-records.js';
import { itemRecordSchema, viewerRecordSchema } from '../../src/catalog/catalog-records.js';
import { ConsentRepository } from '../../src/privacy/consent/consent-repository.js';
import { migratorFor } from '../../src/store/open-store.js';
import { type Repositories, repositoriesFor } from '../../src/store/repositories/index.js';
import { storeFactories, type TestStore } from '../support/test-stores.js';

const item = (externalId: string, extra: Partial<ItemRecord> = {}): ItemRecord =>
  itemRecordSchema.parse({ externalId, title: `Title ${externalId}`, kind: 'film', ...extra });
const viewer = (externalId: string, extra: Partial<ViewerRecord> = {}): ViewerRecord =>
  viewerRecordSchema.parse({ externalId, profileKind: 'adult', ...extra });
const creator = (externalId: string, underrepresented: boolean | null = null): CreatorRecord => ({
  externalId,
  name: `Creator ${externalId}`,
  underrepresented,
  region: null,
});

describe.each(storeFactories)('store on %s', (_name, createStore) => {
  let t: TestStore;
  let repos: Repositories;

  beforeEach(async () => {
    t = await createStore();
    repos = repositoriesFor(t.store.db, t.store.dialect, undefined, t.store.keyring);
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('records applied migrations and applies none twice', async () => {
    const migrations = await migratorFor(t.store.db, t.store.dialect).getMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.every((m) => m.executedAt instanceof Date)).toBe(true);
    const again = await migratorFor(t.store.db, t.store.dialect).migrateToLatest();
    expect(again.error).toBeUndefined();
    expect(again.results).toEqual([]);
  });

  it('stores items with genres in order, creators and episode parents', async () => {
    await repos.catalog.insertGenres([
      { id: 'drama', name: 'Drama' },
      { id: 'comedy', name: 'Comedy' },
    ]);
    await repos.catalog.insertCreators([creator('c1', true), creator('c2', false)]);
    const inserted = await repos.catalog.insertItems([
      item('ep1', { kind: 'episode', parentExternalId: 's1', season: 1, episode: 1 }),
      item('s1', {
        kind: 'series',
        genres: ['comedy', 'drama'],
        maturity: { system: 'tv', rating: 'TV-14' },
      }),
      item('f1', {
        genres: ['drama'],
        creators: [
          { externalId: 'c1', role: 'director' },
          { externalId: 'c2', role: 'writer' },
        ],
        maturity: { system: 'mpaa', rating: 'R' },
        year: 1999,
        language: 'pt-BR',
      }),
    ]);
    expect(inserted).toBe(3);

    const seriesId = await repos.catalog.getItemIdByExternalId('s1');
    const episodeId = await repos.catalog.getItemIdByExternalId('ep1');
    const episode = await repos.catalog.getItem(episodeId as string);
    expect(episode?.parent_id).toBe(seriesId);
    const series = await repos.catalog.getItem(seriesId as string);
    expect(series?.genres).toEqual(['comedy', 'drama']);
    expect(series?.audience_level).toBe(3);

    const film = await repos.catalog.getItem((await repos.catalog.getItemIdByExternalId('f1')) as string);
    expect(film).toMatchObject({ year: 1999, language: 'pt-BR', maturity_rating: 'R', audience_level: 4 });
    expect(film?.creators.map((c) => [c.externalId, c.role, c.underrepresented])).toEqual([
      ['c1', 'director', true],
      ['c2', 'writer', false],
    ]);
  });

  it('inserts only new catalog rows when the same records come again', async () => {
    await repos.catalog.insertGenres([{ id: 'drama', name: 'Drama' }]);
    expect(await repos.catalog.insertGenres([{ id: 'drama', name: 'Drama' }])).toBe(0);
    expect(await repos.catalog.insertItems([item('a'), item('b')])).toBe(2);
    expect(await repos.catalog.insertItems([item('a'), item('c'), item('c')])).toBe(1);
    expect((await repos.catalog.counts()).items).toBe(3);
  });

  it('refuses an item whose genre or creator is unknown, naming it', async () => {
    await expect(repos.catalog.insertItems([item('x', { genres: ['nope'] })])).rejects.toThrow(
      /unknown genre 'nope'/,
    );
    await expect(
      repos.catalog.insertItems([item('y', { creators: [{ externalId: 'ghost', role: 'director' }] })]),
    ).rejects.toThrow(/unknown creator 'ghost'/);
  });

  it('lists items by genre and title search, page by page', async () => {
    await repos.catalog.insertGenres([{ id: 'drama', name: 'Drama' }]);
    await repos.catalog.insertItems([
      item('1', { title: 'The Long Night', genres: ['drama'] }),
      item('2', { title: 'Night Shift' }),
      item('3', { title: '100% Pure' }),
      item('4', { title: 'Morning', genres: ['drama'] }),
    ]);
    const nights = await repos.catalog.listItems({ query: 'NIGHT' });
    expect(nights.total).toBe(2);
    expect(nights.items.map((i) => i.title)).toEqual(['Night Shift', 'The Long Night']);
    expect((await repos.catalog.listItems({ query: '%' })).items.map((i) => i.title)).toEqual(['100% Pure']);
    const dramas = await repos.catalog.listItems({ genre: 'drama', pageSize: 1, page: 2 });
    expect(dramas.total).toBe(2);
    expect(dramas.items.map((i) => i.title)).toEqual(['The Long Night']);
  });

  it('keeps personal fields apart and demographics only with consent', async () => {
    await repos.subjects.insertViewers([
      viewer('v1', { demographicsConsent: true, gender: 'F', occupation: 'writer', ageBand: '25-34' }),
      viewer('v2', { email: 'v2@example.org' }),
      // Bypasses the schema on purpose: the repository must still drop demographics without consent.
      { ...viewer('v3'), gender: 'M', occupation: 'artist' },
      viewer('v4'),
    ]);
    const v1 = await repos.subjects.getByExternalId('v1');
    expect(v1).toMatchObject({ age_band: expect.stringMatching(/^enc1\./), profile_kind: 'adult' });
    expect(await openAgeBand(t.store.keyring, v1?.id as string, v1?.age_band as string)).toBe('25-34');
    expect(await repos.subjects.getPersonal(v1?.id as string)).toEqual({
      displayName: null,
      email: null,
      gender: 'F',
      occupation: 'writer',
    });
    const v2 = await repos.subjects.getByExternalId('v2');
    expect((await repos.subjects.getPersonal(v2?.id as string))?.email).toBe('v2@example.org');
    const v3 = await repos.subjects.getByExternalId('v3');
    expect(await repos.subjects.getPersonal(v3?.id as string)).toBeUndefined();
    // At rest every personal column is ciphertext bound to its subject; no value is stored in the clear.
    const stored = await t.store.db.selectFrom('subject_personal').selectAll().execute();
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) {
      for (const value of [row.display_name, row.email, row.gender, row.occupation]) {
        if (value !== null) expect(value).toMatch(/^enc1\./);
      }
    }
    expect(JSON.stringify(stored)).not.toMatch(/writer|v2@example\.org|"F"/);
    const withoutKeyring = repositoriesFor(t.store.db, t.store.dialect);
    await expect(
      withoutKeyring.subjects.insertViewers([viewer('v9', { email: 'v9@example.org' })]),
    ).rejects.toThrow(/encrypted/);
    expect(await repos.subjects.insertViewers([viewer('v1'), viewer('v5')])).toBe(1);
    expect(await repos.subjects.count()).toBe(5);
  });

  const keysOf = async (itemExternalIds: string[], subjectExternalId: string) => {
    const items = await t.store.db
      .selectFrom('items')
      .select(['external_id', 'key'])
      .where('external_id', 'in', itemExternalIds)
      .execute();
    const subject = await repos.subjects.getByExternalId(subjectExternalId);
    return {
      subject: subject as NonNullable<typeof subject>,
      items: new Map(items.map((row) => [row.external_id, row.key])),
    };
  };

  it('appends interactions once per idempotency key, returning what was new', async () => {
    await repos.catalog.insertItems([item('i1'), item('i2')]);
    await repos.subjects.insertViewers([viewer('v1')]);
    const keys = await keysOf(['i1', 'i2'], 'v1');
    const [i1, i2] = [keys.items.get('i1') as number, keys.items.get('i2') as number];
    const event = (key: string, itemKey: number, occurredAt: string) => ({
      idempotencyKey: key,
      subjectKey: keys.subject.key,
      itemKey,
      kind: 'rating' as const,
      value: 4,
      occurredAt,
    });
    const batch = await repos.batches.open('test');
    expect(
      await repos.interactions.append(
        [
          event('k1', i1, '2026-01-01T00:00:00.000Z'),
          event('k2', i2, '2026-01-02T00:00:00.000Z'),
          event('k2', i2, '2026-01-02T00:00:00.000Z'),
        ],
        batch.key,
      ),
    ).toBe(2);
    expect(await repos.interactions.append([event('k1', i1, '2026-01-01T00:00:00.000Z')], batch.key)).toBe(0);
    const history = await repos.interactions.forSubject(keys.subject.id);
    expect(history.map((h) => h.item_key)).toEqual([i2, i1]);
    expect(history[0]?.idempotency_key).not.toContain('k2');
    const scanned = [];
    for await (const page of repos.interactions.scan(1)) scanned.push(...page);
    expect(scanned.map((r) => r.seq)).toEqual([...scanned.map((r) => r.seq)].sort((a, b) => a - b));
    expect(scanned).toHaveLength(2);
  });

  it('bulk-loads into an empty table: duplicates skipped, indexes rebuilt, idempotent afterwards', async () => {
    await repos.catalog.insertItems([item('i1'), item('i2')]);
    await repos.subjects.insertViewers([viewer('v1')]);
    const keys = await keysOf(['i1', 'i2'], 'v1');
    const event = (key: string, itemExternalId: string) => ({
      idempotencyKey: key,
      subjectKey: keys.subject.key,
      itemKey: keys.items.get(itemExternalId) as number,
      kind: 'view' as const,
      value: null,
      occurredAt: '2026-01-01T00:00:00.000Z',
    });
    const before = await t.store.dialect.listIndexes(t.store.db, 'interactions');
    expect(before.map((i) => i.name)).toContain('interactions_idempotency_idx');
    await t.store.db.transaction().execute(async (trx) => {
      const inTrx = repositoriesFor(trx, t.store.dialect);
      const loader = await inTrx.interactions.openLoader((await inTrx.batches.open('test')).key);
      expect(await loader.append([event('a', 'i1'), event('b', 'i2'), event('a', 'i1')])).toBe(2);
      expect(await loader.append([event('b', 'i2'), event('c', 'i2')])).toBe(1);
      await loader.finish();
    });
    expect(await t.store.dialect.listIndexes(t.store.db, 'interactions')).toEqual(before);
    expect(await repos.interactions.count()).toBe(3);
    // The unique index is back: a second load appends only what is new.
    await t.store.db.transaction().execute(async (trx) => {
      const inTrx = repositoriesFor(trx, t.store.dialect);
      const loader = await inTrx.interactions.openLoader((await inTrx.batches.open('test')).key);
      expect(await loader.append([event('a', 'i1'), event('d', 'i1')])).toBe(1);
      await loader.finish();
    });
    expect(await repos.interactions.count()).toBe(4);
  });

  it("changes data_version with every write of a viewer's history, consent and feedback, and only theirs", async () => {
    await repos.catalog.insertItems([item('i1'), item('i2')]);
    await repos.subjects.insertViewers([viewer('v1'), viewer('v2')]);
    const keys = await keysOf(['i1', 'i2'], 'v1');
    const other = await repos.subjects.getByExternalId('v2');
    const versions = async () => {
      const rows = await t.store.db
        .selectFrom('subjects')
        .select(['external_id', 'data_version'])
        .orderBy('external_id')
        .execute();
      return rows.map((row) => Number(row.data_version));
    };
    expect(await versions()).toEqual([0, 0]);
    const event = (key: string, subjectKey: number, itemExternalId: string) => ({
      idempotencyKey: key,
      subjectKey,
      itemKey: keys.items.get(itemExternalId) as number,
      kind: 'view' as const,
      value: null,
      occurredAt: '2026-01-01T00:00:00.000Z',
    });
    const batch = (await repos.batches.open('test')).key;
    // One statement with two rows of v1 and one of v2.
    await repos.interactions.append(
      [event('a', keys.subject.key, 'i1'), event('b', keys.subject.key, 'i2'), event('c', other!.key, 'i1')],
      batch,
    );
    const afterEvents = await versions();
    expect(afterEvents[0]).not.toBe(0);
    expect(afterEvents[1]).not.toBe(0);

    const consent = new ConsentRepository(t.store.db);
    const meta = { at: '2026-01-02T00:00:00.000Z', textVersion: 't', method: 'api' as const, actor: 'test' };
    await consent.record(keys.subject.id, [{ purpose: 'personalization', granted: true }], meta);
    const afterConsent = await versions();
    expect(afterConsent[0]).not.toBe(afterEvents[0]);
    expect(afterConsent[1]).toBe(afterEvents[1]);

    const itemId = (await repos.catalog.getItemIdByExternalId('i1')) as string;
    await repos.feedback.add({ subjectId: keys.subject.id, itemId, kind: 'thumb', value: -1 });
    const afterFeedback = await versions();
    expect(afterFeedback[0]).not.toBe(afterConsent[0]);

    // Deletes count too (retention, an item taken out of the catalog); a rolled-back write does not.
    await t.store.db.deleteFrom('interactions').where('idempotency_key', '!=', '').execute();
    const afterDelete = await versions();
    expect(afterDelete[0]).not.toBe(afterFeedback[0]);
    expect(afterDelete[1]).not.toBe(afterFeedback[1]);
    await expect(
      t.store.db.transaction().execute(async (trx) => {
        await new ConsentRepository(trx).record(
          keys.subject.id,
          [{ purpose: 'personalization', granted: false }],
          meta,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await versions()).toEqual(afterDelete);

    // Erasing the subject cascades through the counted tables without tripping over its own row.
    await t.store.db.deleteFrom('subjects').where('id', '=', keys.subject.id).execute();
    expect(await repos.subjects.count()).toBe(1);
  });

  it('rolls a transaction back whole', async () => {
    await expect(
      t.store.db.transaction().execute(async (trx) => {
        const inTrx = repositoriesFor(trx, t.store.dialect);
        await inTrx.catalog.insertItems([item('kept?')]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await repos.catalog.counts()).items).toBe(0);
  });

  it('validates feedback and erases it with its subject', async () => {
    await repos.catalog.insertItems([item('i1')]);
    await repos.subjects.insertViewers([viewer('v1')]);
    const keys = await keysOf(['i1'], 'v1');
    const subjectId = keys.subject.id;
    const itemId = (await repos.catalog.getItemIdByExternalId('i1')) as string;
    await repos.feedback.add({ subjectId, itemId, kind: 'not-interested', reason: 'seen it' });
    await repos.feedback.add({ subjectId, itemId, kind: 'rating', value: 5 });
    await expect(repos.feedback.add({ subjectId, itemId, kind: 'rating', value: 7 })).rejects.toThrow(
      /1 to 5/,
    );
    await expect(repos.feedback.add({ subjectId, itemId, kind: 'thumb', value: 0 })).rejects.toThrow(/thumb/);
    expect(await repos.feedback.forSubject(subjectId)).toHaveLength(2);
    await repos.interactions.append(
      [
        {
          idempotencyKey: 'x',
          subjectKey: keys.subject.key,
          itemKey: keys.items.get('i1') as number,
          kind: 'view',
          value: null,
          occurredAt: '2026-01-01T00:00:00.000Z',
        },
      ],
      (await repos.batches.open('test')).key,
    );

    await t.store.db.deleteFrom('subjects').where('id', '=', subjectId).execute();
    expect(await repos.feedback.forSubject(subjectId)).toHaveLength(0);
    expect(await repos.interactions.count()).toBe(0);
  });
});
