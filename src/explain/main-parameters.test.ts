import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parseServingPolicy } from '../config/serving-policy.js';
import type { ModelManifest } from '../models/model-artifact.js';
import { mainParameters, mainParametersHtml } from './main-parameters.js';

const manifest = {
  id: 'ease-2026',
  algorithm: 'ease',
  params: { lambda: 300 },
  data: {
    snapshotHash: 'h',
    events: 12345,
    viewers: 678,
    items: 90,
    lastEventAt: null,
    source: 'store',
    itemIdSpace: 'candor',
    consent: null,
  },
  unlearning: [],
  metrics: {},
  codeVersion: 'test',
  parent: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  weights: [],
} satisfies ModelManifest;

describe('mainParameters', () => {
  it('states exposure rotation in plain words, with its weight', () => {
    const policy = parseServingPolicy({
      ranking: { rerankers: [{ kind: 'exposure-rotation', lambda: 0.3, surfaces: ['home'] }] },
    });
    const step = mainParameters(policy, manifest).ranking[1];
    expect(step?.name).toBe('Room for titles shown less');
    expect(step?.description).toContain('shown less often lately');
    expect(step?.description).toContain('on the home surface');
    expect(step?.weight).toEqual({ value: 0.3, against: 'predicted interest' });
  });

  it('states the tail boost in plain words: the head it leaves out and its weight', () => {
    const policy = parseServingPolicy({
      ranking: { rerankers: [{ kind: 'tail-boost', lambda: 0.2, headShare: 0.3 }] },
    });
    const step = mainParameters(policy, manifest).ranking[1];
    expect(step?.name).toBe('Less-known titles');
    expect(step?.description).toContain('30% of all viewing');
    expect(step?.description).toContain('fixed bonus');
    expect(step?.weight).toEqual({ value: 0.2, against: 'predicted interest' });
    expect(step?.description).not.toContain('how much you have watched');
    const byActivity = parseServingPolicy({
      ranking: { rerankers: [{ kind: 'tail-boost', lambda: 0.2, relevantPerHistoryItem: 0.3 }] },
    });
    expect(mainParameters(byActivity, manifest).ranking[1]?.description).toContain(
      'how much you have watched',
    );
  });

  it('follows the policy: one ranking step per reranker, with its weight, and the maturity limits', () => {
    const policy = parseServingPolicy({
      ranking: {
        poolSize: 150,
        rerankers: [
          { kind: 'calibration', lambda: 0.25 },
          { kind: 'fair-exposure', target: { kind: 'fixed', p: 0.3 } },
          { kind: 'exploration-slot', slot: 4, surfaces: ['home'] },
        ],
      },
      maturity: { maxAudienceLevel: { teen: 2 } },
    });
    const doc = mainParameters(policy, manifest);
    expect(doc.policyVersion).toBe(policy.version);
    expect(doc.model).toMatchObject({ id: 'ease-2026', events: 12345 });
    expect(doc.ranking.map((p) => p.name)).toEqual([
      'Candidates',
      'Matching your mix of genres',
      'Fair exposure for under-represented creators',
      'Something new for you',
    ]);
    expect(doc.ranking[0]?.description).toContain('150');
    expect(doc.ranking[1]?.weight).toEqual({ value: 0.25, against: 'predicted interest' });
    expect(doc.signals[0]?.weight?.value).toBeCloseTo(0.75, 12);
    expect(doc.ranking[2]?.description).toContain('at least 30%');
    expect(doc.ranking[3]?.description).toContain('position 4');
    expect(doc.ranking[3]?.description).toContain('on the home surface');
    expect(doc.safeguards[0]?.description).toContain('teen profiles up to level 2');
    expect(doc.summary).toContain('EASE');
    expect(doc.summary).toContain('3 rules');
  });

  it('says nothing about the viewer is used when no model is trained', () => {
    const doc = mainParameters(DEFAULT_POLICY, undefined);
    expect(doc.model).toBeNull();
    expect(doc.summary).toContain('It uses nothing about you');
    expect(doc.signals[0]?.weight?.value).toBe(0);
    expect(doc.ranking).toHaveLength(1);
  });

  it('renders a self-contained page that escapes what it shows', () => {
    const doc = mainParameters(DEFAULT_POLICY, { ...manifest, id: '<script>alert(1)</script>' });
    const html = mainParametersHtml(doc);
    expect(html).toContain('<h1>How your recommendations are chosen</h1>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/src=|href=/);
  });
});
