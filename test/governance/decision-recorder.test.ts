import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Accountability, accountabilityFor } from '../../src/governance/accountability.js';
import { AccountabilityWriter } from '../../src/governance/accountability-writer.js';
import { AuditLog } from '../../src/governance/audit/audit-log.js';
import { verifyAuditLog } from '../../src/governance/audit/verify-audit-log.js';
import { DecisionReader } from '../../src/governance/decisions/decision-reader.js';
import type { DecisionRecord, DecisionRecordInput } from '../../src/governance/decisions/decision-record.js';
import { DecisionRecorder } from '../../src/governance/decisions/decision-recorder.js';
import { storeFactories, type TestStore } from '../support/test-stores.js';

const input = (subject: string, extra: Partial<DecisionRecordInput> = {}): DecisionRecordInput => ({
  subject,
  surface: 'home',
  modelId: 'ease-1',
  policyVersion: 'v2',
  consent: { personalization: true, source: 'viewer', version: 3 },
  stages: [{ stage: 'mmr', changed: { moved: ['i2'], lambda: 0.7 } }],
  items: [
    { itemId: 'i1', score: 0.75, rank: 1, reasons: ['because you watched Heat'] },
    { itemId: 'i2', score: 0.5, rank: 2, reasons: ['diversity pick'] },
  ],
  ...extra,
});

/** A clock that advances one second per call from `start`, or stands still when `step` is 0. */
const steppingClock = (start = Date.UTC(2026, 0, 1), step = 1000) => {
  let now = start - step;
  return () => new Date((now += step));
};

describe.each(storeFactories)('decision records on %s', (_name, createStore) => {
  let t: TestStore;
  let acc: Accountability;

  beforeEach(async () => {
    t = await createStore();
    acc = accountabilityFor(t.store, { clock: steppingClock() });
  });
  afterEach(async () => {
    await acc.close();
    await t.dispose();
  });

  it('records a decision under a new UUIDv7 and reads it back parsed', async () => {
    const request = { limit: 2, contextItemId: 'i9' };
    const id = await acc.decisions.record(input('p-1', { surface: 'detail', request }));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const expected: DecisionRecord = {
      id,
      createdAt: '2026-01-01T00:00:00.000Z',
      ...input('p-1', { surface: 'detail' }),
      request,
    };
    expect(await acc.decisionReader.get(id)).toEqual(expected);
    expect(await acc.decisionReader.get('0190aaaa-0000-7000-8000-000000000000')).toBeUndefined();
  });

  it('writes a served request (decision record and audit entry) in one transaction', async () => {
    const writer = new AccountabilityWriter(t.store);
    const decisions = new DecisionRecorder(writer);
    const audit = new AuditLog(writer);
    const [id] = await Promise.all([
      decisions.record(input('p-1')),
      audit.append({
        actor: 'service',
        action: 'recommendations.serve',
        subject: 'p-1',
        outcome: 'success',
      }),
    ]);
    expect(writer.flushesStarted).toBe(1);
    await writer.close();
    expect(await acc.decisionReader.get(id)).toMatchObject({ subject: 'p-1' });
    expect(await verifyAuditLog(t.store)).toMatchObject({ ok: true, entries: 1 });
  });

  it('refuses an invalid record without writing anything', async () => {
    await expect(acc.decisions.record(input('p-1', { surface: 'email' as 'home' }))).rejects.toThrow(
      /surface/,
    );
    await expect(acc.decisions.record({ ...input('p-1'), subject: '' })).rejects.toThrow(/subject/);
    await acc.decisions.flush();
    expect(await acc.decisionReader.list({ limit: 10 })).toEqual([]);
  });

  it('flushes pending records on close, and a recorder over a store owns its writer', async () => {
    const recorder = new DecisionRecorder(t.store);
    const pending = recorder.record(input('p-1'));
    await recorder.close();
    expect(await new DecisionReader(t.store).list({ limit: 10 })).toHaveLength(1);
    expect(await acc.decisionReader.get(await pending)).toBeDefined();
    await expect(recorder.record(input('p-2'))).rejects.toThrow(/closed/);
  });

  describe('listing', () => {
    let ids: { subject: string; id: string }[];

    beforeEach(async () => {
      ids = [];
      // Seven records of p-1 and three of p-2, interleaved, one second apart, in separate flushes.
      for (let k = 0; k < 10; k++) {
        const subject = k % 3 === 2 ? 'p-2' : 'p-1';
        ids.push({ subject, id: await acc.decisions.record(input(subject)) });
      }
    });

    const newestFirst = (subject?: string) =>
      ids
        .filter((r) => subject === undefined || r.subject === subject)
        .map((r) => r.id)
        .reverse();

    it("lists a viewer's records newest first, in pages", async () => {
      const reader = acc.decisionReader;
      const first = await reader.listForSubject('p-1', { limit: 3 });
      expect(first.map((r) => r.id)).toEqual(newestFirst('p-1').slice(0, 3));
      expect(first.every((r) => r.subject === 'p-1' && r.items.length === 2)).toBe(true);
      const second = await reader.listForSubject('p-1', { limit: 3, before: first[2]?.id as string });
      const third = await reader.listForSubject('p-1', { limit: 3, before: second[2]?.id as string });
      expect([...first, ...second, ...third].map((r) => r.id)).toEqual(newestFirst('p-1'));
      expect((await reader.listForSubject('p-2', { limit: 10 })).map((r) => r.id)).toEqual(
        newestFirst('p-2'),
      );
      expect(await reader.listForSubject('nobody', { limit: 10 })).toEqual([]);
    });

    it('lists all records newest first, in pages', async () => {
      const first = await acc.decisionReader.list({ limit: 4 });
      const rest = await acc.decisionReader.list({ limit: 100, before: first[3]?.id as string });
      expect([...first, ...rest].map((r) => r.id)).toEqual(newestFirst());
    });

    it('pages exactly through records created in the same millisecond', async () => {
      const still = accountabilityFor(t.store, { clock: steppingClock(Date.UTC(2027, 0, 1), 0) });
      const same = await Promise.all(Array.from({ length: 5 }, () => still.decisions.record(input('p-3'))));
      await still.close();
      const pages: string[] = [];
      let before: string | undefined;
      for (;;) {
        const page = await acc.decisionReader.listForSubject('p-3', { limit: 2, before });
        if (page.length === 0) break;
        pages.push(...page.map((r) => r.id));
        before = page[page.length - 1]?.id;
      }
      expect(pages).toEqual([...same].reverse());
    });

    it('refuses a limit out of range and a cursor that is not a record', async () => {
      await expect(acc.decisionReader.list({ limit: 0 })).rejects.toThrow(/limit.*got 0/);
      await expect(acc.decisionReader.listForSubject('p-1', { limit: 1001 })).rejects.toThrow(/got 1001/);
      await expect(acc.decisionReader.listForSubject('p-1', { limit: 5, before: 'nope' })).rejects.toThrow(
        /'nope'/,
      );
    });
  });
});
