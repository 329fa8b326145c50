import { auditSubjectTag } from '../../src/privacy/audit-subject-tag.js';
import { openAgeBand } from '../../src/store/repositories/subject-repository.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';
import { storeFactories } from '../support/test-stores.js';
import { call, countRows, expectProblem, type Headers, PSEUDONYM, serviceFor } from './api-helpers.js';

interface HistoryPage {
  events: { itemId: string; title: string; kind: string; value: number | null; occurredAt: string }[];
  next: string | null;
}

describe.each(storeFactories)('viewer data over HTTP on %s', (_name, factory) => {
  let h: ApiHarness;
  let items: string[];
  let runId = 0;

  beforeAll(async () => {
    h = await apiHarness({ factory });
    items = (await h.t.store.db.selectFrom('items').select('id').orderBy('key').limit(30).execute()).map(
      (row) => row.id,
    );
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const pseudonymOf = (subjectId: string) => h.built.context.pseudonymizer.of(subjectId);
  const auditTagOf = (subjectId: string) => auditSubjectTag(h.t.store.keyring, subjectId);
  /** Idempotency keys unique to one test. */
  const key = (label: string) => `test-${runId}-${label}`;
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  const subjectKeyOf = async (subjectId: string) =>
    Number(
      (
        await h.t.store.db
          .selectFrom('subjects')
          .select('key')
          .where('id', '=', subjectId)
          .executeTakeFirstOrThrow()
      ).key,
    );
  const interactionsOf = async (subjectId: string) =>
    countRows(h, 'interactions', ['subject_key', await subjectKeyOf(subjectId)]);

  /** Runs a call and checks it appended exactly one audit entry with this action; returns the entry. */
  const audited = async <T>(action: string, run: () => Promise<T>) => {
    const before = await countRows(h, 'audit_log', ['action', action]);
    const result = await run();
    expect(await countRows(h, 'audit_log', ['action', action]), action).toBe(before + 1);
    const entry = await h.t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    return { result, entry };
  };

  const postEvents = (who: Headers, events: Record<string, unknown>[]) =>
    call(h, 'POST', '/v1/events', who, { events });

  it('stores a batch and acknowledges it; the same batch again is all duplicates and stores nothing', async () => {
    runId += 1;
    const batch = [0, 1, 2].map((at) => ({
      idempotencyKey: key(`e${at}`),
      itemId: items[at],
      kind: 'view',
      occurredAt: minutesAgo(10 + at),
    }));
    const before = await interactionsOf(h.viewer.subjectId);
    const batchesBefore = await countRows(h, 'ingest_batches');
    const { result: first, entry } = await audited('events.append', () =>
      postEvents(h.viewer.headers, batch),
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 3, duplicates: 0, batchId: expect.any(String) });
    expect(await interactionsOf(h.viewer.subjectId)).toBe(before + 3);
    expect(entry.subject).toBe(await auditTagOf(h.viewer.subjectId));
    expect(entry.target).toBe(first.json().batchId);

    const again = await postEvents(h.viewer.headers, batch);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await interactionsOf(h.viewer.subjectId)).toBe(before + 3);

    // A batch mixing one new event with old ones stores only the new one.
    const mixed = await postEvents(h.viewer.headers, [
      ...batch,
      { idempotencyKey: key('e3'), itemId: items[3], kind: 'complete', occurredAt: minutesAgo(9) },
    ]);
    expect(mixed.json()).toMatchObject({ accepted: 1, duplicates: 3 });
    expect(await interactionsOf(h.viewer.subjectId)).toBe(before + 4);
    expect(await countRows(h, 'ingest_batches')).toBe(batchesBefore + 3);
  });

  it('drops and counts fields it does not declare, storing none of their values', async () => {
    runId += 1;
    const marker = `dropped-value-${runId}-${Date.now()}`;
    const response = await postEvents(h.viewer.headers, [
      {
        idempotencyKey: key('x0'),
        itemId: items[4],
        kind: 'view',
        deviceId: marker,
        email: `${marker}@x.io`,
      },
      { idempotencyKey: key('x1'), itemId: items[5], kind: 'view', deviceId: marker },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      accepted: 2,
      droppedFields: { count: 3, names: ['deviceId', 'email'] },
    });
    const stored = await h.t.store.db.selectFrom('interactions').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(marker);
    const batches = await h.t.store.db.selectFrom('ingest_batches').selectAll().execute();
    expect(JSON.stringify(batches)).not.toContain(marker);
    const audit = await h.t.store.db.selectFrom('audit_log').select('detail').execute();
    expect(JSON.stringify(audit)).not.toContain(marker);
  });

  it('refuses a batch with one unknown item whole, naming the event, and stores nothing of it', async () => {
    runId += 1;
    const before = await countRows(h, 'interactions');
    const batchesBefore = await countRows(h, 'ingest_batches');
    const auditBefore = await countRows(h, 'audit_log', ['action', 'events.append']);
    const response = await postEvents(h.viewer.headers, [
      { idempotencyKey: key('ok-0'), itemId: items[0], kind: 'view' },
      { idempotencyKey: key('ok-1'), itemId: items[1], kind: 'view' },
      { idempotencyKey: key('bad'), itemId: '01900000-0000-7000-8000-000000000000', kind: 'view' },
      { idempotencyKey: key('ok-3'), itemId: items[3], kind: 'view' },
    ]);
    expectProblem(response, 400, 'events.2.itemId');
    expect(await countRows(h, 'interactions')).toBe(before);
    expect(await countRows(h, 'ingest_batches')).toBe(batchesBefore);
    expect(await countRows(h, 'audit_log', ['action', 'events.append'])).toBe(auditBefore);
    // The good events were not stored: posting them alone stores all three.
    const retry = await postEvents(h.viewer.headers, [
      { idempotencyKey: key('ok-0'), itemId: items[0], kind: 'view' },
      { idempotencyKey: key('ok-1'), itemId: items[1], kind: 'view' },
      { idempotencyKey: key('ok-3'), itemId: items[3], kind: 'view' },
    ]);
    expect(retry.json()).toMatchObject({ accepted: 3, duplicates: 0 });
  });

  it('names the field of an invalid event and stores nothing', async () => {
    runId += 1;
    const before = await countRows(h, 'interactions');
    const good = { idempotencyKey: key('good'), itemId: items[0], kind: 'view' };
    const cases: [Record<string, unknown>[], string][] = [
      [[{ idempotencyKey: key('r'), itemId: items[0], kind: 'rating' }], 'events.0.value'],
      [[good, { idempotencyKey: key('r'), itemId: items[0], kind: 'rating', value: 7 }], 'events.1.value'],
      [
        [good, { idempotencyKey: key('f'), itemId: items[1], kind: 'view', occurredAt: minutesAgo(-60) }],
        'events.1.occurredAt',
      ],
      [[{ ...good, occurredAt: 'yesterday' }], 'events.0.occurredAt'],
      [[{ ...good, kind: 'binge' }], 'events.0.kind'],
      [[{ ...good, idempotencyKey: 'short' }], 'events.0.idempotencyKey'],
      [[{ ...good, itemId: 'not-a-uuid' }], 'events.0.itemId'],
      [[{ ...good, subjectId: h.otherViewer.subjectId }], 'events.0.subjectId'],
      [[], 'events'],
      [Array.from({ length: 501 }, (_, at) => ({ ...good, idempotencyKey: key(`many-${at}`) })), 'events'],
    ];
    for (const [events, field] of cases) {
      const response = await postEvents(h.viewer.headers, events);
      expectProblem(response, 400, field);
    }
    expect(await countRows(h, 'interactions')).toBe(before);
  });

  it('keeps idempotency keys per viewer: two viewers using one key both get their event stored', async () => {
    runId += 1;
    const shared = key('shared');
    const viewerBefore = await interactionsOf(h.viewer.subjectId);
    const otherBefore = await interactionsOf(h.loneSubjectId);
    const one = await postEvents(h.viewer.headers, [
      { idempotencyKey: shared, itemId: items[5], kind: 'view' },
    ]);
    const two = await postEvents(serviceFor(h, h.loneSubjectId), [
      { idempotencyKey: shared, itemId: items[5], kind: 'view' },
    ]);
    expect(one.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(two.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await interactionsOf(h.viewer.subjectId)).toBe(viewerBefore + 1);
    expect(await interactionsOf(h.loneSubjectId)).toBe(otherBefore + 1);
  });

  it('lists the events newest first, paged with `next`, every event exactly once', async () => {
    runId += 1;
    const subjectId = h.otherViewer.subjectId;
    const posted = [1, 2, 3, 4, 5].map((minutes) => ({
      idempotencyKey: key(`h${minutes}`),
      itemId: items[10 + minutes],
      kind: minutes === 3 ? 'rating' : 'view',
      ...(minutes === 3 ? { value: 4.5 } : {}),
      occurredAt: minutesAgo(minutes),
    }));
    expect((await postEvents(h.otherViewer.headers, posted)).json().accepted).toBe(5);

    const { result: first, entry } = await audited('history.read', () =>
      call(h, 'GET', '/v1/me/history?limit=2', h.otherViewer),
    );
    expect(entry.subject).toBe(await auditTagOf(subjectId));
    const page = first.json() as HistoryPage;
    expect(page.events.map((e) => e.itemId)).toEqual([items[11], items[12]]);
    expect(page.events[0]?.title.length).toBeGreaterThan(0);
    expect(page.next?.startsWith(`${page.events[1]?.occurredAt}~`)).toBe(true);

    const all: HistoryPage['events'] = [...page.events];
    let next = page.next;
    for (let guard = 0; next !== null; guard += 1) {
      if (guard > 200) throw new Error('paging does not end');
      const response = await call(
        h,
        'GET',
        `/v1/me/history?limit=7&before=${encodeURIComponent(next)}`,
        h.otherViewer,
      );
      expect(response.statusCode).toBe(200);
      const more = response.json() as HistoryPage;
      all.push(...more.events);
      next = more.next;
    }
    expect(all.length).toBe(await interactionsOf(subjectId));
    const times = all.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.find((e) => e.itemId === items[13])).toMatchObject({ kind: 'rating', value: 4.5 });
    // Only this viewer's events.
    const own = await h.t.store.db
      .selectFrom('interactions')
      .innerJoin('items', 'items.key', 'interactions.item_key')
      .select('items.id as itemId')
      .where('interactions.subject_key', '=', await subjectKeyOf(subjectId))
      .execute();
    expect(all.map((e) => e.itemId).sort()).toEqual(own.map((row) => row.itemId).sort());
  });

  // A batch posted without occurredAt shares one time: the cursor carries the sequence number too.
  it('pages through events that share one time without losing any', async () => {
    runId += 1;
    const at = minutesAgo(0.5);
    const batch = [0, 1, 2, 3, 4].map((i) => ({
      idempotencyKey: key(`same-${i}`),
      itemId: items[20 + i],
      kind: 'view',
      occurredAt: at,
    }));
    const subject = serviceFor(h, h.loneSubjectId);
    expect((await postEvents(subject, batch)).json().accepted).toBe(5);
    const first = (await call(h, 'GET', '/v1/me/history?limit=3', subject)).json() as HistoryPage;
    const second = (
      await call(h, 'GET', `/v1/me/history?limit=3&before=${encodeURIComponent(first.next ?? '')}`, subject)
    ).json() as HistoryPage;
    const listed = [...first.events, ...second.events].filter((e) => e.occurredAt === at);
    expect(listed.map((e) => e.itemId).sort()).toEqual(batch.map((e) => e.itemId).sort());
  });

  it('takes feedback of each kind, stored for the caller only', async () => {
    const decision = (await call(h, 'GET', '/v1/recommendations?limit=1', h.viewer)).json().decisionId;
    const variants: [
      Record<string, unknown>,
      { kind: string; value: number | null; reason: string | null },
    ][] = [
      [
        { kind: 'thumb', value: 1 },
        { kind: 'thumb', value: 1, reason: null },
      ],
      [
        { kind: 'thumb', value: -1, decisionId: decision },
        { kind: 'thumb', value: -1, reason: null },
      ],
      [
        { kind: 'rating', value: 1 },
        { kind: 'rating', value: 1, reason: null },
      ],
      [
        { kind: 'rating', value: 5 },
        { kind: 'rating', value: 5, reason: null },
      ],
      [
        { kind: 'not-interested', reason: '  seen it elsewhere ' },
        { kind: 'not-interested', value: null, reason: 'seen it elsewhere' },
      ],
      [{ kind: 'not-interested' }, { kind: 'not-interested', value: null, reason: null }],
    ];
    const otherBefore = await countRows(h, 'feedback', ['subject_id', h.otherViewer.subjectId]);
    for (const [body, stored] of variants) {
      const { result: response, entry } = await audited('feedback.add', () =>
        call(h, 'POST', '/v1/feedback', h.viewer, { itemId: items[7], ...body }),
      );
      expect(response.statusCode, JSON.stringify(body)).toBe(201);
      const row = await h.t.store.db
        .selectFrom('feedback')
        .selectAll()
        .where('id', '=', response.json().id)
        .executeTakeFirstOrThrow();
      const { reason: storedReason, ...plain } = stored as { reason?: string | null };
      expect(row).toMatchObject({ subject_id: h.viewer.subjectId, item_id: items[7], ...plain });
      // The reason is free text: stored encrypted under the viewer's key, readable with it.
      if (storedReason) {
        expect(row.reason).toMatch(/^enc1\./);
        expect(row.reason).not.toContain(storedReason);
        expect(
          await h.t.store.keyring.decrypt(h.viewer.subjectId, 'feedback.reason', row.reason as string),
        ).toBe(storedReason);
      } else expect(row.reason).toBeNull();
      expect(row.decision_id).toBe((body.decisionId as string | undefined) ?? null);
      expect(entry.subject).toBe(await auditTagOf(h.viewer.subjectId));
      expect(entry.target).toBe(row.id);
      // The free text stays out of the audit log.
      expect(entry.detail).not.toContain('seen it');
    }
    expect(await countRows(h, 'feedback', ['subject_id', h.otherViewer.subjectId])).toBe(otherBefore);

    // A service names the viewer; the feedback is theirs, not the key's or anyone else's.
    const viaService = await call(h, 'POST', '/v1/feedback', serviceFor(h, h.otherViewer.subjectId), {
      kind: 'thumb',
      itemId: items[8],
      value: 1,
    });
    expect(viaService.statusCode).toBe(201);
    const row = await h.t.store.db
      .selectFrom('feedback')
      .select('subject_id')
      .where('id', '=', viaService.json().id)
      .executeTakeFirstOrThrow();
    expect(row.subject_id).toBe(h.otherViewer.subjectId);
    // A viewer cannot give feedback as someone else.
    const feedbackBefore = await countRows(h, 'feedback');
    expectProblem(
      await call(
        h,
        'POST',
        '/v1/feedback',
        { ...h.viewer.headers, 'candor-subject': h.otherViewer.subjectId },
        { kind: 'thumb', itemId: items[8], value: 1 },
      ),
      403,
    );
    expect(await countRows(h, 'feedback')).toBe(feedbackBefore);
  });

  it('refuses invalid feedback, naming the field, and stores nothing', async () => {
    const before = await countRows(h, 'feedback');
    const item = items[9];
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'thumb', itemId: item, value: 2 }, 'value'],
      [{ kind: 'thumb', itemId: item, value: 0 }, 'value'],
      [{ kind: 'thumb', itemId: item }, 'value'],
      [{ kind: 'rating', itemId: item, value: 0 }, 'value'],
      [{ kind: 'rating', itemId: item, value: 6 }, 'value'],
      [{ kind: 'rating', itemId: item, value: 3.5 }, 'value'],
      [{ kind: 'rating', itemId: item, value: '4' }, 'value'],
      [{ kind: 'rating', itemId: item, reason: 'great' }, 'value'],
      [{ kind: 'not-interested', itemId: item, value: 1 }, 'value'],
      [{ kind: 'thumb', itemId: item, value: 1, reason: 'why not' }, 'reason'],
      [{ kind: 'not-interested', itemId: item, reason: '   ' }, 'reason'],
      [{ kind: 'not-interested', itemId: item, reason: 'x'.repeat(501) }, 'reason'],
      [{ kind: 'love', itemId: item }, 'kind'],
      [{ itemId: item, value: 1 }, 'kind'],
      [{ kind: 'thumb', value: 1 }, 'itemId'],
      [{ kind: 'thumb', itemId: 'nope', value: 1 }, 'itemId'],
      [{ kind: 'thumb', itemId: '01900000-0000-7000-8000-000000000000', value: 1 }, 'itemId'],
      [{ kind: 'thumb', itemId: item, value: 1, decisionId: 'x' }, 'decisionId'],
      [{ kind: 'thumb', itemId: item, value: 1, subjectId: h.otherViewer.subjectId }, 'subjectId'],
    ];
    for (const [body, field] of cases) {
      const response = await call(h, 'POST', '/v1/feedback', h.viewer, body);
      expectProblem(response, 400, field);
    }
    expect(await countRows(h, 'feedback')).toBe(before);
  });

  it("returns the viewer's own profile, and the named viewer's to a service", async () => {
    const { result: own, entry } = await audited('profile.read', () => call(h, 'GET', '/v1/me', h.viewer));
    expect(own.statusCode).toBe(200);
    const subject = await h.t.store.db
      .selectFrom('subjects')
      .selectAll()
      .where('id', '=', h.viewer.subjectId)
      .executeTakeFirstOrThrow();
    expect(own.json()).toMatchObject({
      id: h.viewer.subjectId,
      profileKind: subject.profile_kind,
      ageBand: await openAgeBand(h.t.store.keyring, subject.id, subject.age_band),
    });
    expect(entry.subject).toBe(await auditTagOf(h.viewer.subjectId));
    expect(entry.subject).toMatch(PSEUDONYM);
    const viaService = await call(h, 'GET', '/v1/me', serviceFor(h, h.loneSubjectId));
    expect(viaService.json().id).toBe(h.loneSubjectId);
    expect(JSON.stringify(viaService.json())).not.toContain(h.viewer.subjectId);
  });

  it("never gives an analyst a viewer's rows: only aggregates without ids or pseudonyms", async () => {
    const analyst = h.staff.analyst;
    for (const headers of [analyst.headers, { ...analyst.headers, 'candor-subject': h.viewer.subjectId }]) {
      for (const url of ['/v1/me', '/v1/me/history', '/v1/me/decisions']) {
        expectProblem(await call(h, 'GET', url, headers), 403);
      }
      expectProblem(
        await call(h, 'POST', '/v1/events', headers, {
          events: [{ idempotencyKey: key('analyst'), itemId: items[0], kind: 'view' }],
        }),
        403,
      );
      expectProblem(
        await call(h, 'POST', '/v1/feedback', headers, { kind: 'thumb', itemId: items[0], value: 1 }),
        403,
      );
    }
    const { result: summary, entry } = await audited('analytics.summary', () =>
      call(h, 'GET', '/v1/analytics/summary?top=100', analyst),
    );
    expect(summary.statusCode).toBe(200);
    const body = summary.json();
    // Counted once, then served again for a while (the response says when), and every read is audited.
    const { result: again, entry: againEntry } = await audited('analytics.summary', () =>
      call(h, 'GET', '/v1/analytics/summary?top=100', analyst),
    );
    expect(again.json()).toEqual(body);
    expect(againEntry).toBeDefined();
    expect(Object.keys(body).sort()).toEqual([
      'computedAt',
      'eventsByKind',
      'items',
      'minGroupSize',
      'topItems',
      'viewers',
    ]);
    expect(body.viewers).toBe(await countRows(h, 'subjects'));
    for (const top of body.topItems) {
      expect(Object.keys(top).sort()).toEqual(['itemId', 'title', 'viewers']);
      expect(top.viewers).toBeGreaterThanOrEqual(body.minGroupSize);
    }
    expect(entry.subject).toBeNull();
    const text = summary.body;
    const subjects = await h.t.store.db.selectFrom('subjects').select(['id', 'external_id']).execute();
    for (const subject of subjects) {
      expect(text).not.toContain(subject.id);
      expect(text).not.toContain(pseudonymOf(subject.id));
    }
  });

  it('audits every read and change of viewer data under a pseudonym, never a subject id', async () => {
    const reads: [string, string][] = [
      ['profile.read', '/v1/me'],
      ['history.read', '/v1/me/history'],
      ['decisions.read-own', '/v1/me/decisions'],
      ['recommendations.serve', '/v1/recommendations?limit=2'],
    ];
    for (const [who, subjectId] of [
      [h.viewer.headers, h.viewer.subjectId],
      [serviceFor(h, h.otherViewer.subjectId), h.otherViewer.subjectId],
    ] as const) {
      for (const [action, url] of reads) {
        const { result, entry } = await audited(action, () => call(h, 'GET', url, who));
        expect(result.statusCode, url).toBe(200);
        expect(entry.subject, url).toBe(await auditTagOf(subjectId));
        expect(entry.subject).toMatch(PSEUDONYM);
      }
    }
    // No audit entry anywhere carries a subject id (or an external id) in the clear.
    const subjects = await h.t.store.db.selectFrom('subjects').select(['id', 'external_id']).execute();
    const rows = await h.t.store.db.selectFrom('audit_log').selectAll().execute();
    expect(rows.length).toBeGreaterThan(20);
    const text = JSON.stringify(rows);
    for (const subject of subjects) expect(text).not.toContain(subject.id);
    for (const row of rows) if (row.subject !== null) expect(row.subject).toMatch(PSEUDONYM);
  });

  // Last: it breaks the chain on purpose.
  it('verifies the audit chain, and finds the one entry altered in the database', async () => {
    const ok = await call(h, 'GET', '/v1/audit/log/verification', h.staff.auditor);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true });
    expect(ok.json().entries).toBeGreaterThan(20);
    expectProblem(await call(h, 'GET', '/v1/audit/log/verification', h.staff.analyst), 403);

    const victim = await h.t.store.db
      .selectFrom('audit_log')
      .select(['seq', 'detail'])
      .where('action', '=', 'events.append')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await h.t.store.db
      .updateTable('audit_log')
      .set({ detail: JSON.stringify({ accepted: 999, duplicates: 0 }) })
      .where('seq', '=', victim.seq)
      .execute();
    const broken = await call(h, 'GET', '/v1/audit/log/verification', h.staff.auditor);
    expect(broken.statusCode).toBe(200);
    expect(broken.json()).toMatchObject({ ok: false, firstBroken: { seq: Number(victim.seq) } });
    expect(broken.json().firstBroken.reason).toMatch(/altered/);
  });
});
