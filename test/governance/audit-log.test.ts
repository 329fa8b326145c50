import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountabilityWriter } from '../../src/governance/accountability-writer.js';
import { auditEntryHash, GENESIS_HASH } from '../../src/governance/audit/audit-chain.js';
import type { AuditEntryInput } from '../../src/governance/audit/audit-entry.js';
import { auditHead } from '../../src/governance/audit/audit-head.js';
import { AuditLog } from '../../src/governance/audit/audit-log.js';
import { BROKEN_REASONS, verifyAuditLog } from '../../src/governance/audit/verify-audit-log.js';
import type { Store } from '../../src/store/open-store.js';
import { emptyDecisionRow } from '../support/decision-rows.js';
import { storeFactories, type TestStore } from '../support/test-stores.js';

const entry = (i: number, extra: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  actor: 'account:a',
  action: 'history.read',
  subject: i % 2 === 1 ? `p-${i}` : null,
  target: `t-${i}`,
  outcome: 'success',
  detail: { i },
  ...extra,
});

const rowsOf = (store: Store) => store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
const countOf = async (store: Store, table: 'audit_log' | 'decision_records') =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(storeFactories)('audit log on %s', (_name, createStore) => {
  let t: TestStore;
  let log: AuditLog;

  beforeEach(async () => {
    t = await createStore();
    log = new AuditLog(t.store);
  });
  afterEach(async () => {
    await log.close();
    await t.dispose();
  });

  it('chains entries from the genesis hash, in the order they were appended', async () => {
    await Promise.all([1, 2, 3].map((i) => log.append(entry(i))));
    await log.append({ actor: 'system', action: 'models.promote', outcome: 'failure' });
    const rows = await rowsOf(t.store);
    expect(rows.map((r) => r.target)).toEqual(['t-1', 't-2', 't-3', null]);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let k = 1; k < rows.length; k++) expect(rows[k]?.prev_hash).toBe(rows[k - 1]?.hash);
    for (const row of rows) expect(auditEntryHash(row.prev_hash, row)).toBe(row.hash);
    expect(rows[0]).toMatchObject({ subject: 'p-1', outcome: 'success', detail: '{"i":1}' });
    expect(rows[3]).toMatchObject({ subject: null, target: null, outcome: 'failure', detail: '{}' });
    expect(rows[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const last = rows[3];
    expect(await verifyAuditLog(t.store)).toEqual({
      ok: true,
      entries: 4,
      head: { seq: last?.seq, hash: last?.hash },
    });
    expect(await auditHead(t.store)).toEqual({ seq: last?.seq, hash: last?.hash });
  });

  it('commits the entries of one event-loop turn in one transaction', async () => {
    const writer = new AccountabilityWriter(t.store);
    const shared = new AuditLog(writer);
    await Promise.all(Array.from({ length: 50 }, (_, i) => shared.append(entry(i))));
    expect(writer.flushesStarted).toBe(1);
    await shared.append(entry(50));
    expect(writer.flushesStarted).toBe(2);
    expect(await countOf(t.store, 'audit_log')).toBe(51);
    await writer.close();
  });

  it('starts a flush at once when flushAt entries are queued', async () => {
    const writer = new AccountabilityWriter(t.store, { flushAt: 10 });
    const small = new AuditLog(writer);
    const first = Array.from({ length: 10 }, (_, i) => small.append(entry(i)));
    expect(writer.flushesStarted).toBe(1);
    const more = Array.from({ length: 5 }, (_, i) => small.append(entry(10 + i)));
    await Promise.all([...first, ...more]);
    expect(writer.flushesStarted).toBe(2);
    await writer.close();
    expect((await rowsOf(t.store)).map((r) => r.target)).toEqual(
      Array.from({ length: 15 }, (_, i) => `t-${i}`),
    );
    expect((await verifyAuditLog(t.store)).ok).toBe(true);
  });

  it('writes nothing of a failed flush and rejects every promise waiting for it', async () => {
    const writer = new AccountabilityWriter(t.store);
    const shared = new AuditLog(writer);
    const row = emptyDecisionRow('dup');
    await writer.enqueueDecision(row);
    const waiting = [shared.append(entry(1)), shared.append(entry(2)), writer.enqueueDecision(row)];
    const settled = await Promise.allSettled(waiting);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await countOf(t.store, 'audit_log')).toBe(0);

    await shared.append(entry(3));
    expect((await rowsOf(t.store)).map((r) => [r.target, r.prev_hash])).toEqual([['t-3', GENESIS_HASH]]);
    await writer.close();
  });

  it('keeps flushing after a flush that could not even start', { timeout: 5000 }, async () => {
    // The first thing a commit asks of the store, on either engine.
    vi.spyOn(t.store.dialect, 'sqliteConnection').mockImplementationOnce(() => {
      throw new Error('connection gone');
    });
    await expect(log.append(entry(1))).rejects.toThrow('connection gone');
    await log.append(entry(2));
    expect((await rowsOf(t.store)).map((r) => r.target)).toEqual(['t-2']);
  });

  it('refuses malformed entries without queuing them', async () => {
    await expect(log.append({ ...entry(1), outcome: 'maybe' as 'success' })).rejects.toThrow(
      /outcome.*"maybe"/,
    );
    await expect(log.append({ ...entry(1), actor: '' })).rejects.toThrow(/actor/);
    await expect(log.append({ ...entry(1), detail: { n: 1n } })).rejects.toThrow(/BigInt/);
    await log.flush();
    expect(await countOf(t.store, 'audit_log')).toBe(0);
  });

  it('flushes what is pending on close and refuses appends afterwards', async () => {
    const pending = [log.append(entry(1)), log.append(entry(2))];
    await log.close();
    expect(await countOf(t.store, 'audit_log')).toBe(2);
    await Promise.all(pending);
    await expect(log.append(entry(3))).rejects.toThrow(/closed/);
  });

  describe('verification', () => {
    let seqs: number[];

    beforeEach(async () => {
      // Two flushes, so that the chain also links across transactions.
      await Promise.all([1, 2, 3, 4, 5].map((i) => log.append(entry(i))));
      await Promise.all([6, 7, 8, 9, 10].map((i) => log.append(entry(i))));
      seqs = (await rowsOf(t.store)).map((r) => r.seq);
      expect(seqs).toHaveLength(10);
    });

    const seqAt = (position: number) => seqs[position - 1] as number;
    const update = (position: number, values: Record<string, unknown>) =>
      t.store.db.updateTable('audit_log').set(values).where('seq', '=', seqAt(position)).execute();
    const remove = (positions: number[]) =>
      t.store.db.deleteFrom('audit_log').where('seq', 'in', positions.map(seqAt)).execute();

    it('passes an intact log, also when read in pages smaller than the log', async () => {
      expect(await verifyAuditLog(t.store)).toMatchObject({ ok: true, entries: 10 });
      expect(await verifyAuditLog(t.store, { pageSize: 3 })).toMatchObject({ ok: true, entries: 10 });
      expect(await verifyAuditLog(t.store, { pageSize: 1 })).toMatchObject({ ok: true, entries: 10 });
    });

    it.each<[string, Record<string, unknown>]>([
      ['at', { at: '2020-01-01T00:00:00.000Z' }],
      ['actor', { actor: 'account:b' }],
      ['action', { action: 'history.erase' }],
      ['subject (to null)', { subject: null }],
      ['target', { target: 't-other' }],
      ['outcome', { outcome: 'denied' }],
      ['detail', { detail: '{"i":55}' }],
      ['prev_hash', { prev_hash: GENESIS_HASH }],
      ['hash', { hash: 'f'.repeat(64) }],
    ])('finds an edited %s as an altered entry', async (_column, values) => {
      await update(5, values);
      expect(await verifyAuditLog(t.store)).toEqual({
        ok: false,
        entries: 4,
        firstBroken: { seq: seqAt(5), reason: BROKEN_REASONS.altered },
      });
    });

    it('finds an edited subject (from null) and an edit in the last entry', async () => {
      await update(10, { subject: 'p-10' });
      expect(await verifyAuditLog(t.store)).toMatchObject({
        ok: false,
        firstBroken: { seq: seqAt(10), reason: BROKEN_REASONS.altered },
      });
    });

    it.each([
      ['in the middle', [5], 6],
      ['first', [1], 2],
      ['first of the second page', [4], 5],
      ['several', [3, 4, 7], 5],
    ])('finds an entry removed %s', async (_where, positions, brokenAt) => {
      await remove(positions);
      expect(await verifyAuditLog(t.store, { pageSize: 3 })).toMatchObject({
        ok: false,
        firstBroken: { seq: seqAt(brokenAt), reason: BROKEN_REASONS.unlinked },
      });
    });

    it('finds two entries swapped', async () => {
      await update(4, { seq: -1 });
      await update(6, { seq: seqAt(4) });
      await t.store.db
        .updateTable('audit_log')
        .set({ seq: seqAt(6) })
        .where('seq', '=', -1)
        .execute();
      expect(await verifyAuditLog(t.store)).toEqual({
        ok: false,
        entries: 3,
        firstBroken: { seq: seqAt(4), reason: BROKEN_REASONS.unlinked },
      });
    });

    it('finds an entry moved to the end', async () => {
      await update(3, { seq: seqAt(10) + 100 });
      expect(await verifyAuditLog(t.store)).toMatchObject({
        ok: false,
        firstBroken: { seq: seqAt(4), reason: BROKEN_REASONS.unlinked },
      });
    });

    it('finds a forged entry appended with a valid hash that links to an earlier entry', async () => {
      const fifth = (await rowsOf(t.store))[4];
      const fields = {
        ...entry(99),
        at: '2026-01-01T00:00:00.000Z',
        subject: null,
        target: null,
        detail: '{}',
      };
      const forged = { ...fields, outcome: 'success', prev_hash: fifth?.hash as string };
      await t.store.db
        .insertInto('audit_log')
        .values({ ...forged, hash: auditEntryHash(forged.prev_hash, forged) })
        .execute();
      const result = await verifyAuditLog(t.store);
      expect(result).toMatchObject({
        ok: false,
        entries: 10,
        firstBroken: { reason: BROKEN_REASONS.unlinked },
      });
    });

    it('cannot see entries removed from the end without an anchor, and sees it with one', async () => {
      const anchor = await auditHead(t.store);
      expect(anchor.seq).toBe(seqAt(10));
      await remove([8, 9, 10]);
      // What remains is a valid, shorter chain.
      expect(await verifyAuditLog(t.store)).toMatchObject({ ok: true, entries: 7 });
      expect(await verifyAuditLog(t.store, { anchor })).toEqual({
        ok: false,
        entries: 7,
        firstBroken: { seq: anchor.seq, reason: BROKEN_REASONS.anchorMissing },
      });
    });

    it('sees the tail replaced by new entries with an anchor', async () => {
      const anchor = await auditHead(t.store);
      await remove([9, 10]);
      await log.append(entry(11));
      await log.append(entry(12));
      await log.append(entry(13));
      expect(await verifyAuditLog(t.store)).toMatchObject({ ok: true, entries: 11 });
      expect(await verifyAuditLog(t.store, { anchor })).toMatchObject({
        ok: false,
        firstBroken: { seq: anchor.seq, reason: BROKEN_REASONS.anchorMissing },
      });
    });

    it('sees a log rewritten with recomputed hashes with an anchor', async () => {
      const anchor = await auditHead(t.store);
      const rows = await rowsOf(t.store);
      let prev = rows[3]?.hash as string;
      for (const row of rows.slice(4)) {
        const edited = { ...row, detail: row.seq === seqAt(5) ? '{"i":"rewritten"}' : row.detail };
        const hash = auditEntryHash(prev, edited);
        await t.store.db
          .updateTable('audit_log')
          .set({ detail: edited.detail, prev_hash: prev, hash })
          .where('seq', '=', row.seq)
          .execute();
        prev = hash;
      }
      expect(await verifyAuditLog(t.store)).toMatchObject({ ok: true, entries: 10 });
      expect(await verifyAuditLog(t.store, { anchor })).toEqual({
        ok: false,
        entries: 9,
        firstBroken: { seq: anchor.seq, reason: BROKEN_REASONS.anchorDiffers },
      });
    });

    it('passes with an anchor when entries were only added after it', async () => {
      const anchor = await auditHead(t.store);
      await log.append(entry(11));
      expect(await verifyAuditLog(t.store, { anchor, pageSize: 4 })).toMatchObject({ ok: true, entries: 11 });
      expect(await verifyAuditLog(t.store, { anchor: { seq: 0, hash: GENESIS_HASH } })).toMatchObject({
        ok: true,
      });
      expect(await verifyAuditLog(t.store, { anchor: { ...anchor, hash: 'a'.repeat(64) } })).toMatchObject({
        ok: false,
        firstBroken: { seq: anchor.seq, reason: BROKEN_REASONS.anchorDiffers },
      });
    });
  });
});
