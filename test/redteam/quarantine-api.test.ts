import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSubjectTag } from '../../src/privacy/audit-subject-tag.js';
import { DETECTOR_VERSION } from '../../src/redteam/detection/profile-scorer.js';
import { QuarantineRepository } from '../../src/redteam/quarantine/quarantine-repository.js';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';

describe('quarantine API', () => {
  let h: ApiHarness;
  let ids: string[];
  let subjects: string[];

  beforeAll(async () => {
    h = await apiHarness({ train: false });
    const rows = await h.t.store.db.selectFrom('subjects').select('id').orderBy('key').limit(3).execute();
    subjects = rows.map((row) => row.id);
    const repository = new QuarantineRepository(h.t.store.db);
    const evidence = {
      features: {
        rdma: { value: 0.05, z: 4.2, votes: true },
        burstiness: { value: 0, z: null, votes: false },
      },
      threshold: 3,
      quorum: 0.6,
    };
    const added = await repository.add(
      subjects.map((subjectId, i) => ({
        subjectId,
        score: 3.5 + i,
        evidence,
        detectorVersion: DETECTOR_VERSION,
        dataSeq: 1,
      })),
    );
    ids = added.map((entry) => entry.id);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const list = (headers: Record<string, string>, query = '') =>
    h.built.app.inject({ method: 'GET', url: `/v1/safety/quarantine${query}`, headers });
  const decide = (headers: Record<string, string>, id: string, payload: unknown) =>
    h.built.app.inject({
      method: 'POST',
      url: `/v1/safety/quarantine/${id}/decision`,
      headers,
      payload: payload as object,
    });

  it('lets curators, auditors and admins read the quarantine, under pseudonyms', async () => {
    for (const role of ['curator', 'auditor', 'admin'] as const) {
      const response = await list(h.staff[role].headers);
      expect(response.statusCode, role).toBe(200);
      const { entries } = response.json() as {
        entries: { id: string; subject: string; evidence: unknown }[];
      };
      expect(entries.map((e) => e.id).sort()).toEqual([...ids].sort());
      for (const entry of entries) {
        expect(subjects).not.toContain(entry.subject);
        expect(entry).not.toHaveProperty('subjectId');
      }
      expect(entries[0]?.evidence).toMatchObject({ threshold: 3, features: { burstiness: { z: null } } });
    }
  });

  it('refuses viewers, services and analysts', async () => {
    for (const caller of [h.viewer, h.service, h.staff.analyst]) {
      expect((await list(caller.headers)).statusCode, caller.role).toBe(403);
      expect((await decide(caller.headers, ids[0] as string, { decision: 'release' })).statusCode).toBe(403);
    }
    expect(
      (await decide(h.staff.auditor.headers, ids[0] as string, { decision: 'release' })).statusCode,
    ).toBe(403);
  });

  it('releases or confirms, audited under the viewer’s audit tag', async () => {
    const released = await decide(h.staff.curator.headers, ids[0] as string, { decision: 'release' });
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ id: ids[0], status: 'released' });
    expect(released.json().reviewedBy).toMatch(/^account:/);
    const confirmed = await decide(h.staff.admin.headers, ids[1] as string, { decision: 'confirm' });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
    const audited = await h.t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'redteam.quarantine_decision')
      .orderBy('seq')
      .execute();
    expect(audited.map((row) => row.target)).toEqual([ids[0], ids[1]]);
    expect(audited[0]?.subject).toBe(await auditSubjectTag(h.t.store.keyring, subjects[0] as string));
    expect(JSON.parse(audited[0]?.detail ?? '{}')).toMatchObject({
      decision: 'release',
      previous: 'quarantined',
    });
    const onlyQuarantined = (await list(h.staff.curator.headers, '?status=quarantined')).json();
    expect(onlyQuarantined.entries.map((e: { id: string }) => e.id)).toEqual([ids[2]]);
  });

  it('answers 404 for an unknown entry, 409 for a superseded one, 400 for a bad body', async () => {
    expect(
      (await decide(h.staff.curator.headers, '01900000-0000-7000-8000-000000000000', { decision: 'release' }))
        .statusCode,
    ).toBe(404);
    expect((await decide(h.staff.curator.headers, ids[2] as string, {})).statusCode).toBe(400);
    expect((await decide(h.staff.curator.headers, ids[2] as string, { decision: 'delete' })).statusCode).toBe(
      400,
    );
    const repository = new QuarantineRepository(h.t.store.db);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await repository.add([
      {
        subjectId: subjects[2] as string,
        score: 4,
        evidence: { features: {}, threshold: 3, quorum: 0.6 },
        detectorVersion: DETECTOR_VERSION,
        dataSeq: 2,
      },
    ]);
    const superseded = await decide(h.staff.curator.headers, ids[2] as string, { decision: 'confirm' });
    expect(superseded.statusCode).toBe(409);
    expect(superseded.headers['content-type']).toMatch(/problem\+json/);
  });
});
