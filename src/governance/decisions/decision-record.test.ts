import { describe, expect, expectTypeOf, it } from 'vitest';
import { decisionRecordOf } from './decision-reader.js';
import {
  type DecisionRecord,
  type DecisionRecordInput,
  decisionRecordInputSchema,
} from './decision-record.js';
import { decisionRow } from './decision-recorder.js';

const input: DecisionRecordInput = {
  subject: 'pseudonym-1',
  surface: 'home',
  modelId: 'ease-2026-01-01',
  policyVersion: 'v3',
  consent: { personalization: true, source: 'viewer', version: 2 },
  stages: [
    { stage: 'candidates', changed: { n: 500 } },
    { stage: 'mmr', changed: { moved: ['i2'] } },
  ],
  items: [
    { itemId: 'i1', score: 0.9, rank: 1, reasons: ['because you watched Heat'] },
    { itemId: 'i2', score: 0.5, rank: 2, reasons: [] },
  ],
};

describe('decision record schema', () => {
  it('accepts a complete record', () => {
    expect(decisionRecordInputSchema.safeParse(input).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an unknown surface', { ...input, surface: 'email' }],
    ['an empty subject', { ...input, subject: '' }],
    ['an unknown field', { ...input, viewerId: 'v1' }],
    ['a consent without a version', { ...input, consent: { personalization: true, source: 'viewer' } }],
    ['a rank of 0', { ...input, items: [{ itemId: 'i1', score: 1, rank: 0, reasons: [] }] }],
    ['a stage named like the request', { ...input, stages: [{ stage: 'request', changed: {} }] }],
  ])('refuses %s', (_what, bad) => {
    expect(decisionRecordInputSchema.safeParse(bad).success).toBe(false);
  });

  it('types the surface and requires the consent', () => {
    // @ts-expect-error: not a surface
    const email: DecisionRecordInput = { ...input, surface: 'email' };
    // @ts-expect-error: consent is required
    const missing: DecisionRecordInput = { ...input, consent: undefined };
    expect([email, missing]).toHaveLength(2);
    expectTypeOf<DecisionRecord['surface']>().toEqualTypeOf<'home' | 'detail' | 'search'>();
  });
});

describe('decision rows', () => {
  it('round-trip through the table columns', () => {
    const row = decisionRow('id-1', '2026-01-01T00:00:00.000Z', input);
    expect(row).toMatchObject({ id: 'id-1', subject: 'pseudonym-1', model_id: 'ease-2026-01-01' });
    expect(decisionRecordOf({ ...row, created_at: row.created_at as string })).toEqual({
      id: 'id-1',
      createdAt: '2026-01-01T00:00:00.000Z',
      ...input,
    });
  });

  it('keep the request as the first stage and give it back apart', () => {
    const request = { limit: 2, contextItemId: 'i9' };
    const row = decisionRow('id-2', '2026-01-01T00:00:00.000Z', { ...input, request });
    expect(JSON.parse(row.stages)[0]).toEqual({ stage: 'request', changed: request });
    const record = decisionRecordOf({ ...row, created_at: row.created_at as string });
    expect(record.request).toEqual(request);
    expect(record.stages).toEqual(input.stages);
  });

  it('are refused when invalid, before anything is queued', () => {
    expect(() => decisionRow('id-3', 'now', { ...input, surface: 'email' as 'home' })).toThrow(/surface/);
  });

  it('name the record when a stored column is malformed', () => {
    const row = decisionRow('id-4', '2026-01-01T00:00:00.000Z', input);
    expect(() => decisionRecordOf({ ...row, created_at: '', items: '[{"itemId":1}]' })).toThrow(
      /'id-4'.*items/,
    );
    expect(() => decisionRecordOf({ ...row, created_at: '', consent: '{' })).toThrow(/'id-4'.*consent/);
  });
});
