import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/governance/audit/verify-audit-log.js';
import { readAliases } from '../../src/models/model-artifact.js';
import { trainModel } from '../../src/models/train-model.js';
import { auditSubjectTag } from '../../src/privacy/audit-subject-tag.js';
import { SQLITE_FILE_NAME } from '../../src/store/open-store.js';
import { apiHarness, type ApiHarness, PASSWORD } from '../support/api-harness.js';
import { call } from '../server/api-helpers.js';

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('right to be forgotten over HTTP', () => {
  let h: ApiHarness;
  // Everything the server logs, at its most verbose: scanned for the erased viewer like the files.
  let logged = '';
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    h = await apiHarness({ config: { log: { level: 'debug' } }, logStream });
  }, 120_000);
  afterAll(async () => h.close());

  it('erases the viewer everywhere, unlearns the model exactly, and certifies it', async () => {
    const { subjectId } = h.viewer;
    const store = h.t.store;
    // The viewer agrees to everything, leaves a personal trace, and a model is trained with them in it.
    const granted = await call(h, 'PUT', '/v1/me/consents', h.viewer, {
      consents: { personalization: true, model_training: true, analytics: true },
    });
    expect(granted.statusCode).toBe(200);
    const secretReason = 'my-unmistakable-reason-7f3a9';
    const items = (await call(h, 'GET', '/v1/items?page=1', h.viewer)).json().items as { id: string }[];
    expect(
      (
        await call(h, 'POST', '/v1/feedback', h.viewer, {
          kind: 'not-interested',
          itemId: items[0]?.id,
          reason: secretReason,
        })
      ).statusCode,
    ).toBe(201);
    const { manifest: trained } = await trainModel(store, h.t.dataDir, {
      algorithm: 'ease',
      alias: 'production',
    });
    h.built.context.serving.reload();
    expect(trained.data.consent?.includedViewers).toBeGreaterThan(0);
    const served = await call(h, 'GET', '/v1/recommendations?limit=5', h.viewer);
    expect(served.statusCode).toBe(200);
    const subject = await store.db
      .selectFrom('subjects')
      .selectAll()
      .where('id', '=', subjectId)
      .executeTakeFirstOrThrow();
    const pseudonym = h.built.context.pseudonymizer.of(subjectId);
    const auditTag = await auditSubjectTag(store.keyring, subjectId);
    expect(
      await store.db.selectFrom('audit_log').select('seq').where('subject', '=', auditTag).execute(),
    ).not.toHaveLength(0);

    const refused = await call(h, 'DELETE', '/v1/me', h.viewer);
    expect(refused.statusCode).toBe(400);
    // Serving kept what it read of the viewer; erasure must drop it from the process's memory too.
    expect(h.built.context.viewerData.size).toBeGreaterThan(0);
    const erased = await call(h, 'DELETE', '/v1/me?confirm=true', h.viewer);
    expect(erased.statusCode, erased.body).toBe(200);
    const certificate = erased.json();
    expect(certificate.cachesCleared).toContain('viewer data cache');
    expect(h.built.context.viewerData.size).toBe(0);
    expect(certificate.rows).toMatchObject({ subjects: 1, accounts: 1, feedback: 1, subject_keys: 1 });
    expect(certificate.rows.interactions).toBeGreaterThan(0);
    expect(certificate.rows.decision_records).toBeGreaterThan(0);
    expect(certificate.dataKeyShredded).toBe(true);
    const [model] = certificate.models;
    expect(model).toMatchObject({
      alias: 'production',
      before: trained.id,
      influence: 'removed',
      exact: true,
    });
    expect(model.after).not.toBe(trained.id);
    expect(model.verification.passed).toBe(true);
    expect(model.verification.maxAbsScoreDifference).toBeLessThanOrEqual(1e-6);
    expect(readAliases(h.t.dataDir).production).toBe(model.after);
    expect(h.built.context.serving.model?.manifest.id).toBe(model.after);
    expect(existsSync(join(h.t.dataDir, 'models', trained.id, 'weights.bin'))).toBe(false);

    // The certificate is in the audit log, which still verifies; auditors can read it.
    const entry = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'subject.erase')
      .executeTakeFirstOrThrow();
    expect(entry.target).toBe(certificate.id);
    expect(entry.subject).toBeNull();
    expect((await verifyAuditLog(store)).ok).toBe(true);
    const read = await call(h, 'GET', `/v1/audit/erasures/${certificate.id}`, h.staff.auditor);
    expect(read.json()).toEqual(certificate);

    // The account is gone: it cannot sign in, and its token no longer reaches any data.
    const login = await h.built.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: 'viewer-one', password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    expect([401, 404]).toContain((await call(h, 'GET', '/v1/me', h.viewer)).statusCode);

    // Nothing that identifies the viewer is left in the database files or the model artifacts.
    const needles = [subjectId, subject.external_id, pseudonym, secretReason];
    const files = [
      ...[SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`]
        .map((f) => join(h.t.dataDir, f))
        .filter((f) => existsSync(f)),
      ...filesUnder(join(h.t.dataDir, 'models')),
    ];
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles)
        expect(bytes.includes(Buffer.from(needle)), `${needle} in ${file}`).toBe(false);
    }
    // Nor in the server's log, which saw every request of this test.
    expect(logged).toContain('/v1/me');
    for (const needle of needles) expect(logged.includes(needle), `${needle} in the log`).toBe(false);
    // The audit entries about the viewer remain, but their tag can no longer be computed by anyone.
    await expect(auditSubjectTag(store.keyring, subjectId)).resolves.not.toBe(auditTag);
  }, 120_000);

  it('keeps a subject named by an administrator out of the log too', async () => {
    const subject = h.loneSubjectId;
    const erased = await call(h, 'DELETE', `/v1/admin/subjects/${subject}?confirm=true`, h.staff.admin);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(logged).toContain('/v1/admin/subjects/[redacted]');
    expect(logged.includes(subject)).toBe(false);
    const search = await call(h, 'GET', '/v1/items?query=my-private-search-words&page=1', h.staff.admin);
    expect(search.statusCode).toBe(200);
    expect(logged).toContain('query=[redacted]');
    expect(logged.includes('my-private-search-words')).toBe(false);
  }, 120_000);
});
