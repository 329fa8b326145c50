import { auditSubjectTag } from '../../src/privacy/audit-subject-tag.js';
import { ConsentRepository } from '../../src/privacy/consent/consent-repository.js';
import { newId } from '../../src/store/ids.js';
import { repositoriesFor } from '../../src/store/repositories/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';
import { storeFactories } from '../support/test-stores.js';
import { call, countRows, expectProblem, PSEUDONYM, serviceFor } from './api-helpers.js';

interface Served {
  items: {
    itemId: string;
    title: string;
    rank: number;
    score: number;
    confidence: number;
    reasons: { kind: string; itemId?: string; basis?: string }[];
  }[];
  decisionId: string;
  lineage: { modelId: string; algorithm: string; dataSnapshot: string; policyVersion: string };
  consent: { personalization: boolean };
}

const PIPELINE_STAGES = [
  'candidates',
  'maturity-filter',
  'safety-filter',
  'seen-filter',
  'dismissed-filter',
  'truncate',
  'explanations',
];

describe.each(storeFactories)('recommendations over HTTP on %s', (_name, factory) => {
  let h: ApiHarness;
  let production: string;
  /** Another adult viewer, served through the service key. */
  let otherAdult: string;

  beforeAll(async () => {
    h = await apiHarness({ factory });
    production = h.built.context.serving.aliases().production as string;
    // The harness gives `otherViewer` a kids profile when the dataset has one; make sure it is one.
    await h.t.store.db
      .updateTable('subjects')
      .set({ profile_kind: 'kids' })
      .where('id', '=', h.otherViewer.subjectId)
      .execute();
    const adult = await h.t.store.db
      .selectFrom('subjects')
      .select('id')
      .where('profile_kind', '=', 'adult')
      .where('id', '<>', h.viewer.subjectId)
      .orderBy('key')
      .executeTakeFirstOrThrow();
    otherAdult = adult.id;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const pseudonymOf = (subjectId: string) => h.built.context.pseudonymizer.of(subjectId);
  const auditTagOf = (subjectId: string) => auditSubjectTag(h.t.store.keyring, subjectId);
  const servedCount = async () => ({
    audit: await countRows(h, 'audit_log', ['action', 'recommendations.serve']),
    decisions: await countRows(h, 'decision_records'),
  });

  /** Serves one list and checks it added exactly one audit entry and one decision record. */
  const serve = async (url: string, headers: Record<string, string>): Promise<Served> => {
    const before = await servedCount();
    const response = await call(h, 'GET', url, headers);
    expect(response.statusCode, response.body).toBe(200);
    const after = await servedCount();
    expect(after).toEqual({ audit: before.audit + 1, decisions: before.decisions + 1 });
    return response.json() as Served;
  };

  const seenItemIds = async (subjectId: string): Promise<Set<string>> => {
    const rows = await h.t.store.db
      .selectFrom('interactions')
      .innerJoin('subjects', 'subjects.key', 'interactions.subject_key')
      .innerJoin('items', 'items.key', 'interactions.item_key')
      .select('items.id as itemId')
      .where('subjects.id', '=', subjectId)
      .execute();
    return new Set(rows.map((row) => row.itemId));
  };

  const levelsOf = async (itemIds: string[]): Promise<Map<string, number>> => {
    const rows = itemIds.length
      ? await h.t.store.db
          .selectFrom('items')
          .select(['id', 'audience_level'])
          .where('id', 'in', itemIds)
          .execute()
      : [];
    return new Map(rows.map((row) => [row.id, row.audience_level]));
  };

  it('serves `limit` items with reasons, confidence, lineage and a decision id, and records the decision', async () => {
    const served = await serve('/v1/recommendations?limit=7', h.viewer.headers);
    expect(served.items).toHaveLength(7);
    expect(served.items.map((item) => item.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const item of served.items) {
      expect(item.reasons.length, item.itemId).toBeGreaterThan(0);
      expect(item.confidence).toBeGreaterThanOrEqual(0);
      expect(item.confidence).toBeLessThanOrEqual(1);
      expect(item.title.length).toBeGreaterThan(0);
    }
    expect(new Set(served.items.map((item) => item.itemId)).size).toBe(7);
    expect(served.lineage).toMatchObject({ modelId: production, algorithm: 'ease' });
    expect(served.decisionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );

    const own = await call(h, 'GET', `/v1/me/decisions/${served.decisionId}`, h.viewer);
    expect(own.statusCode).toBe(200);
    const record = own.json();
    expect(record.id).toBe(served.decisionId);
    expect(record.subject).toBe(pseudonymOf(h.viewer.subjectId));
    expect(record.subject).toMatch(PSEUDONYM);
    expect(JSON.stringify(record)).not.toContain(h.viewer.subjectId);
    expect(record.modelId).toBe(production);
    expect(record.surface).toBe('home');
    expect(
      record.items.map((item: { itemId: string; rank: number; score: number }) => [
        item.itemId,
        item.rank,
        item.score,
      ]),
    ).toEqual(served.items.map((item) => [item.itemId, item.rank, item.score]));
    // The record keeps each reason as a label starting with its kind.
    record.items.forEach((item: { reasons: string[] }, at: number) => {
      const kinds = served.items[at]?.reasons.map((reason) => reason.kind);
      expect(item.reasons.map((label) => label.split(':')[0])).toEqual(kinds);
    });
    expect(record.request).toMatchObject({ limit: 7, feed: 'personalized' });

    // The audit entry names the viewer by pseudonym only.
    const entry = await h.t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'recommendations.serve')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.subject).toBe(await auditTagOf(h.viewer.subjectId));
    expect(entry.subject).not.toBe(record.subject);
    expect(entry.actor).toBe(`account:${h.viewer.accountId}`);
    expect(JSON.stringify(entry)).not.toContain(h.viewer.subjectId);
  });

  it('lists the pipeline stages in order in the decision record, each with what it changed', async () => {
    const served = await serve('/v1/recommendations?limit=4', h.viewer.headers);
    const record = (await call(h, 'GET', `/v1/me/decisions/${served.decisionId}`, h.viewer)).json();
    expect(record.stages.map((stage: { stage: string }) => stage.stage)).toEqual(PIPELINE_STAGES);
    const changed = Object.fromEntries(
      record.stages.map((stage: { stage: string; changed: Record<string, unknown> }) => [
        stage.stage,
        stage.changed,
      ]),
    );
    expect(changed.candidates).toMatchObject({ source: 'model', modelId: production, algorithm: 'ease' });
    expect(changed['maturity-filter']).toMatchObject({ maxAudienceLevel: 5 });
    expect(changed['seen-filter']).toMatchObject({ historyUsed: true });
    expect(changed.truncate).toMatchObject({ limit: 4 });
    expect(changed.explanations).toMatchObject({ explained: 4, confidence: 'catalog-rank-percentile' });
  });

  it('keeps a decision record from other viewers; the auditor reads it, pseudonymized', async () => {
    const served = await serve('/v1/recommendations?limit=3', h.viewer.headers);
    const url = `/v1/me/decisions/${served.decisionId}`;
    expectProblem(await call(h, 'GET', url, h.otherViewer), 404);
    expectProblem(await call(h, 'GET', url, serviceFor(h, h.otherViewer.subjectId)), 404);
    const listed = await call(h, 'GET', '/v1/me/decisions?limit=200', h.otherViewer);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().decisions.map((d: { id: string }) => d.id)).not.toContain(served.decisionId);
    // Another viewer's record is no cursor either: its existence is not disclosed.
    const cursor = await call(h, 'GET', `/v1/me/decisions?before=${served.decisionId}`, h.otherViewer);
    expectProblem(cursor, 400);
    expect(cursor.json().field).toBe('before');
    const own = await call(h, 'GET', `/v1/me/decisions?before=${served.decisionId}`, h.viewer);
    expect(own.statusCode).toBe(200);

    const audited = await call(h, 'GET', `/v1/audit/decisions/${served.decisionId}`, h.staff.auditor);
    expect(audited.statusCode).toBe(200);
    expect(audited.json()).toEqual((await call(h, 'GET', url, h.viewer)).json());
    expect(JSON.stringify(audited.json())).not.toContain(h.viewer.subjectId);
    // Staff without audit:read do not read it.
    for (const role of ['curator', 'analyst', 'admin'] as const) {
      expect(
        (await call(h, 'GET', `/v1/audit/decisions/${served.decisionId}`, h.staff[role])).statusCode,
      ).toBe(403);
    }
  });

  it("never serves an item in the viewer's history", async () => {
    const seen = await seenItemIds(h.viewer.subjectId);
    expect(seen.size).toBeGreaterThan(0);
    const history = await call(h, 'GET', '/v1/me/history?limit=500', h.viewer);
    expect(history.statusCode).toBe(200);
    expect(new Set(history.json().events.map((e: { itemId: string }) => e.itemId))).toEqual(seen);
    const served = await serve('/v1/recommendations?limit=100', h.viewer.headers);
    // The catalog has more items than the viewer saw, so the list is not empty.
    expect(served.items.length).toBeGreaterThan(50);
    for (const item of served.items) expect(seen.has(item.itemId), item.itemId).toBe(false);
    const record = (await call(h, 'GET', `/v1/me/decisions/${served.decisionId}`, h.viewer)).json();
    const seenStage = record.stages.find((s: { stage: string }) => s.stage === 'seen-filter');
    expect(seenStage.changed.removed).toBeGreaterThan(0);
  });

  it('stops offering what the viewer turned down, and offers it again after a thumbs up', async () => {
    const first = await serve('/v1/recommendations?limit=5', h.viewer.headers);
    const [top, second] = first.items;
    if (!top || !second) throw new Error('too few items served');
    const feedback = (body: unknown) => call(h, 'POST', '/v1/feedback', h.viewer, body);
    expect(
      (await feedback({ kind: 'not-interested', itemId: top.itemId, decisionId: first.decisionId }))
        .statusCode,
    ).toBe(201);
    expect((await feedback({ kind: 'thumb', itemId: second.itemId, value: -1 })).statusCode).toBe(201);
    for (const feed of ['', '&feed=non-profiling']) {
      const after = await serve(`/v1/recommendations?limit=100${feed}`, h.viewer.headers);
      const ids = after.items.map((item) => item.itemId);
      expect(ids).not.toContain(top.itemId);
      expect(ids).not.toContain(second.itemId);
    }
    const after = await serve('/v1/recommendations?limit=5', h.viewer.headers);
    const record = (await call(h, 'GET', `/v1/me/decisions/${after.decisionId}`, h.viewer)).json();
    expect(record.stages.find((s: { stage: string }) => s.stage === 'dismissed-filter').changed).toEqual({
      removed: 2,
    });
    // A later thumbs up takes the "no" back.
    expect((await feedback({ kind: 'thumb', itemId: second.itemId, value: 1 })).statusCode).toBe(201);
    const again = await serve('/v1/recommendations?limit=5', h.viewer.headers);
    expect(again.items.map((item) => item.itemId)).toContain(second.itemId);
    expect(again.items.map((item) => item.itemId)).not.toContain(top.itemId);
    // And for "not interested" too; the viewer's feed is back to what everyone at their level gets.
    expect((await feedback({ kind: 'thumb', itemId: top.itemId, value: 1 })).statusCode).toBe(201);
    const restored = await serve('/v1/recommendations?limit=5', h.viewer.headers);
    expect(restored.items.map((item) => item.itemId)).toEqual(first.items.map((item) => item.itemId));
  });

  it('sees consent, events and feedback written behind its back (another process, the CLI) on the very next list', async () => {
    // Writes straight to the store: the server learns of them only from the store, as from a sibling.
    const db = h.t.store.db;
    const { id: subjectId } = await db
      .selectFrom('subjects')
      .select('id')
      .where('profile_kind', '=', 'adult')
      .where('id', 'not in', [h.viewer.subjectId, otherAdult])
      .orderBy('key')
      .executeTakeFirstOrThrow();
    const headers = serviceFor(h, subjectId);
    const meta = { at: new Date().toISOString(), textVersion: 'test', method: 'cli' as const, actor: 'test' };
    const consent = (granted: boolean) =>
      new ConsentRepository(db).record(subjectId, [{ purpose: 'personalization', granted }], meta);
    const first = await serve('/v1/recommendations?limit=5', headers);
    expect(first.consent.personalization).toBe(true);
    await serve('/v1/recommendations?limit=5', headers); // now cached, if it is going to be

    await consent(false);
    const withdrawn = await serve('/v1/recommendations?limit=5', headers);
    expect(withdrawn.consent.personalization).toBe(false);
    expect(withdrawn.items.every((item) => item.reasons.some((r) => r.kind === 'popular'))).toBe(true);
    await consent(true);
    const regranted = await serve('/v1/recommendations?limit=5', headers);
    expect(regranted.items.map((item) => item.itemId)).toEqual(first.items.map((item) => item.itemId));

    const top = first.items[0]?.itemId as string;
    const [subject, item] = await Promise.all([
      db.selectFrom('subjects').select('key').where('id', '=', subjectId).executeTakeFirstOrThrow(),
      db.selectFrom('items').select('key').where('id', '=', top).executeTakeFirstOrThrow(),
    ]);
    const batch = await repositoriesFor(db, h.t.store.dialect).batches.open('test');
    await repositoriesFor(db, h.t.store.dialect).interactions.append(
      [
        {
          idempotencyKey: `behind-${subjectId}`,
          subjectKey: Number(subject.key),
          itemKey: Number(item.key),
          kind: 'view',
          value: null,
          occurredAt: new Date().toISOString(),
        },
      ],
      batch.key,
    );
    const afterEvent = await serve('/v1/recommendations?limit=5', headers);
    expect(afterEvent.items.map((i) => i.itemId)).not.toContain(top);

    const next = afterEvent.items[0]?.itemId as string;
    await db
      .insertInto('feedback')
      .values({
        id: newId(),
        subject_id: subjectId,
        item_id: next,
        decision_id: null,
        kind: 'not-interested',
        value: null,
        reason: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const afterFeedback = await serve('/v1/recommendations?limit=5', headers);
    expect(afterFeedback.items.map((i) => i.itemId)).not.toContain(next);
  });

  it('never serves a kids profile an item above audience level 2', async () => {
    const kid = await h.t.store.db
      .selectFrom('subjects')
      .select('profile_kind')
      .where('id', '=', h.otherViewer.subjectId)
      .executeTakeFirstOrThrow();
    expect(kid.profile_kind).toBe('kids');
    let removedSomething = false;
    for (const url of [
      '/v1/recommendations?limit=100',
      '/v1/recommendations?limit=100&surface=search',
      '/v1/recommendations?limit=100&feed=non-profiling',
    ]) {
      const served = await serve(url, h.otherViewer.headers);
      expect(served.items.length, url).toBeGreaterThan(0);
      const levels = await levelsOf(served.items.map((item) => item.itemId));
      for (const item of served.items) expect(levels.get(item.itemId), url).toBeLessThanOrEqual(2);
      const record = (await call(h, 'GET', `/v1/me/decisions/${served.decisionId}`, h.otherViewer)).json();
      const maturity = record.stages.find((s: { stage: string }) => s.stage === 'maturity-filter');
      expect(maturity.changed.maxAudienceLevel).toBe(2);
      if (maturity.changed.removed > 0) removedSomething = true;
    }
    // The filter had something to do: the candidates held items above the kids level.
    expect(removedSomething).toBe(true);
    const anchor = (await serve('/v1/recommendations?limit=1', h.otherViewer.headers)).items[0]?.itemId;
    const similar = await call(h, 'GET', `/v1/items/${anchor}/similar?limit=100`, h.otherViewer);
    expect(similar.statusCode).toBe(200);
    const levels = await levelsOf(similar.json().items.map((item: { itemId: string }) => item.itemId));
    expect(levels.size).toBeGreaterThan(0);
    for (const level of levels.values()) expect(level).toBeLessThanOrEqual(2);
  });

  it("does not disclose an item above a kids profile's level through the detail surface or similar items", async () => {
    const adultItem = await h.t.store.db
      .selectFrom('items')
      .select(['id', 'title'])
      .where('audience_level', '>', 2)
      .orderBy('key')
      .executeTakeFirstOrThrow();
    // The item page itself answers as if the item did not exist...
    expectProblem(await call(h, 'GET', `/v1/items/${adultItem.id}`, h.otherViewer), 404);
    // ...and so do the lists about it: no title, no existence.
    const before = await servedCount();
    for (const url of [
      `/v1/recommendations?surface=detail&itemId=${adultItem.id}`,
      `/v1/items/${adultItem.id}/similar`,
    ]) {
      const response = await call(h, 'GET', url, h.otherViewer);
      expect(response.body, url).not.toContain(adultItem.title);
      expectProblem(response, 404);
    }
    expect(await servedCount()).toEqual(before);
    // An adult viewer gets both.
    await serve(`/v1/recommendations?surface=detail&itemId=${adultItem.id}`, h.viewer.headers);
    expect((await call(h, 'GET', `/v1/items/${adultItem.id}/similar`, h.viewer)).statusCode).toBe(200);
  });

  it('gives every viewer of one profile level the same non-profiling feed, of popular items', async () => {
    const url = '/v1/recommendations?limit=15&feed=non-profiling';
    const one = await serve(url, h.viewer.headers);
    const two = await serve(url, serviceFor(h, otherAdult));
    expect(one.items).toHaveLength(15);
    expect(two.items.map((item) => item.itemId)).toEqual(one.items.map((item) => item.itemId));
    for (const item of one.items) {
      expect(item.reasons.map((reason) => reason.kind)).toEqual(['popular']);
      expect(item.reasons[0]?.basis).toBe('non-profiling-feed');
    }
    expect(one.lineage.algorithm).toBe('popularity');
    // Different from the personalized list, which this viewer does get otherwise.
    const personalized = await serve('/v1/recommendations?limit=15', h.viewer.headers);
    expect(personalized.items.map((item) => item.itemId)).not.toEqual(one.items.map((item) => item.itemId));
    const record = (await call(h, 'GET', `/v1/me/decisions/${one.decisionId}`, h.viewer)).json();
    expect(record.request).toMatchObject({ feed: 'non-profiling' });
    const seenStage = record.stages.find((s: { stage: string }) => s.stage === 'seen-filter');
    expect(seenStage.changed).toEqual({ historyUsed: false, removed: 0 });
  });

  it('needs an itemId on the detail surface, and never recommends the item the page is about', async () => {
    const before = await servedCount();
    expectProblem(await call(h, 'GET', '/v1/recommendations?surface=detail', h.viewer), 400, 'itemId');
    expectProblem(
      await call(h, 'GET', '/v1/recommendations?surface=detail&itemId=not-a-uuid', h.viewer),
      400,
      'itemId',
    );
    expect(await servedCount()).toEqual(before);

    const anchor = (await serve('/v1/recommendations?limit=1', h.viewer.headers)).items[0];
    if (!anchor) throw new Error('no recommendation to anchor on');
    const served = await serve(
      `/v1/recommendations?surface=detail&itemId=${anchor.itemId}&limit=100`,
      h.viewer.headers,
    );
    expect(served.items.length).toBeGreaterThan(20);
    expect(served.items.map((item) => item.itemId)).not.toContain(anchor.itemId);
    for (const item of served.items) {
      expect(item.reasons.some((r) => r.kind === 'similar-to' && r.itemId === anchor.itemId)).toBe(true);
    }
    const record = (await call(h, 'GET', `/v1/me/decisions/${served.decisionId}`, h.viewer)).json();
    expect(record.surface).toBe('detail');
    expect(record.request).toMatchObject({ itemId: anchor.itemId });
  });

  it("serves a service key the named viewer's recommendations, recorded under that viewer's pseudonym", async () => {
    const own = await serve('/v1/recommendations?limit=10', h.viewer.headers);
    const viaService = await serve('/v1/recommendations?limit=10', serviceFor(h, h.viewer.subjectId));
    expect(viaService.items.map((item) => item.itemId)).toEqual(own.items.map((item) => item.itemId));
    const serviceEntry = await h.t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'recommendations.serve')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(serviceEntry.actor).toMatch(/^api-key:/);
    expect(serviceEntry.subject).toBe(await auditTagOf(h.viewer.subjectId));
    const kid = await serve('/v1/recommendations?limit=10', serviceFor(h, h.otherViewer.subjectId));
    expect(kid.items.map((item) => item.itemId)).not.toEqual(own.items.map((item) => item.itemId));

    const audited = (
      await call(h, 'GET', `/v1/audit/decisions/${viaService.decisionId}`, h.staff.auditor)
    ).json();
    expect(audited.subject).toBe(pseudonymOf(h.viewer.subjectId));
    // The viewer finds it among their own records.
    expect((await call(h, 'GET', `/v1/me/decisions/${viaService.decisionId}`, h.viewer)).statusCode).toBe(
      200,
    );

    // Without naming a viewer the service gets nothing, and nothing is recorded.
    const before = await servedCount();
    expectProblem(await call(h, 'GET', '/v1/recommendations', h.service), 400, 'candor-subject');
    expect(await servedCount()).toEqual(before);
  });

  it('lists similar items for an item page, never the item itself', async () => {
    const item = (await serve('/v1/recommendations?limit=1', h.viewer.headers)).items[0];
    if (!item) throw new Error('no item');
    const before = await servedCount();
    const response = await call(h, 'GET', `/v1/items/${item.itemId}/similar?limit=25`, h.viewer);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items).toHaveLength(25);
    expect(body.items.map((i: { itemId: string }) => i.itemId)).not.toContain(item.itemId);
    expect(body.lineage.modelId).toBe(production);
    for (const similar of body.items) {
      expect(similar.reasons[0]).toMatchObject({ kind: 'similar-to', itemId: item.itemId });
    }
    // Staff may read it too; an unknown item is a 404 naming nothing personal.
    expect((await call(h, 'GET', `/v1/items/${item.itemId}/similar`, h.staff.curator)).statusCode).toBe(200);
    expectProblem(
      await call(h, 'GET', '/v1/items/01900000-0000-7000-8000-000000000000/similar', h.viewer),
      404,
      'itemId',
    );
    // Not personalized: no decision record, no serve entry.
    expect(await servedCount()).toEqual(before);
  });
});
