import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type ApiHarness } from '../support/api-harness.js';
import { call } from '../server/api-helpers.js';

describe('consent and data export over HTTP', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await apiHarness();
  }, 120_000);
  afterAll(async () => h.close());

  it('records each change per purpose, and serving follows the consent at once', async () => {
    const initial = (await call(h, 'GET', '/v1/me/consents', h.viewer)).json();
    expect(initial.purposes.map((p: { id: string }) => p.id)).toEqual([
      'personalization',
      'model_training',
      'analytics',
      'demographics_for_fairness_audit',
    ]);
    const grant = await call(h, 'PUT', '/v1/me/consents', h.viewer, {
      consents: { personalization: true },
      textVersion: initial.textVersion,
      method: 'web',
    });
    expect(grant.statusCode).toBe(200);
    const personalized = (await call(h, 'GET', '/v1/recommendations?limit=5', h.viewer)).json();
    expect(personalized.consent.personalization).toBe(true);

    const withdraw = await call(h, 'PUT', '/v1/me/consents', h.viewer, {
      consents: { personalization: false },
    });
    expect(withdraw.json().changed).toEqual([
      expect.objectContaining({ purpose: 'personalization', granted: false, method: 'api' }),
    ]);
    const again = await call(h, 'PUT', '/v1/me/consents', h.viewer, { consents: { personalization: false } });
    expect(again.json().changed).toEqual([]);
    const generic = (await call(h, 'GET', '/v1/recommendations?limit=5', h.viewer)).json();
    expect(generic.consent).toMatchObject({ personalization: false, source: 'consent ledger: withdrawn' });
    expect(
      generic.items.every((item: { reasons: { kind: string }[] }) =>
        item.reasons.every((reason) => reason.kind !== 'because-you-watched'),
      ),
    ).toBe(true);

    const history = (await call(h, 'GET', '/v1/me/consents/history', h.viewer)).json().events;
    const personalization = history.filter((e: { purpose: string }) => e.purpose === 'personalization');
    expect(personalization.slice(-2).map((e: { granted: boolean }) => e.granted)).toEqual([true, false]);
    const entries = await h.t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'consent.change')
      .execute();
    expect(entries.at(-1)?.detail).toContain('"purpose":"personalization","granted":false');

    const unknown = await call(h, 'PUT', '/v1/me/consents', h.viewer, { consents: { selling: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('consents.selling');
    const stale = await call(h, 'PUT', '/v1/me/consents', h.viewer, {
      consents: { analytics: true },
      textVersion: 'consent-text-0000000000000000',
    });
    expect(stale.statusCode).toBe(409);
    // Other viewers' consent is untouched, and an analyst has no consent of their own to change.
    expect(
      (await call(h, 'PUT', '/v1/me/consents', h.staff.analyst, { consents: { analytics: true } }))
        .statusCode,
    ).toBe(403);
  });

  it('exports everything held about the viewer as one documented JSON document', async () => {
    await call(h, 'PUT', '/v1/me/consents', h.viewer, { consents: { personalization: true } });
    const served = (await call(h, 'GET', '/v1/recommendations?limit=5', h.viewer)).json();
    const items = (await call(h, 'GET', '/v1/items?page=1', h.viewer)).json().items as { id: string }[];
    await call(h, 'POST', '/v1/feedback', h.viewer, {
      kind: 'not-interested',
      itemId: items[1]?.id,
      reason: 'too long',
    });
    const response = await call(h, 'GET', '/v1/me/export', h.viewer);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('candor-export.json');
    const document = response.json();
    expect(document.format).toBe('candor-export/1');
    expect(document.profile.id).toBe(h.viewer.subjectId);
    const events = await h.t.store.db
      .selectFrom('interactions')
      .innerJoin('subjects', 'subjects.key', 'interactions.subject_key')
      .select('interactions.seq')
      .where('subjects.id', '=', h.viewer.subjectId)
      .execute();
    expect(document.events).toHaveLength(events.length);
    expect(document.feedback).toContainEqual(
      expect.objectContaining({ kind: 'not-interested', reason: 'too long' }),
    );
    expect(document.recommendationsServed.map((r: { decisionId: string }) => r.decisionId)).toContain(
      served.decisionId,
    );
    expect(document.consents.history.length).toBeGreaterThan(0);
    expect(document.profilingLogic).toBeTruthy();
    // Nobody else's data is in it.
    expect(JSON.stringify(document)).not.toContain(h.otherViewer.subjectId);
  });
});
