import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, POLICY_FILE_NAME, readPolicyFile } from './load-policy.js';
import { DEFAULT_POLICY, PolicyError, parseServingPolicy } from './serving-policy.js';

describe('parseServingPolicy', () => {
  it('fills every default, and the same meaning gives the same version whatever the key order', () => {
    const explicit = parseServingPolicy({
      maturity: { maxAudienceLevel: { adult: 5, teen: 3, kids: 2 } },
      ranking: { rerankers: [], poolSize: 200 },
    });
    expect(explicit.policy).toEqual(DEFAULT_POLICY.policy);
    expect(explicit.version).toBe(DEFAULT_POLICY.version);
    expect(DEFAULT_POLICY.version).toMatch(/^policy-[0-9a-f]{16}$/);
    const reranked = parseServingPolicy({ ranking: { rerankers: [{ kind: 'diversity' }] } });
    expect(reranked.version).not.toBe(DEFAULT_POLICY.version);
    expect(reranked.policy.ranking.rerankers).toEqual([
      { kind: 'diversity', lambda: 0.3, surfaces: ['home', 'search'] },
    ]);
    const other = parseServingPolicy({ ranking: { rerankers: [{ kind: 'diversity', lambda: 0.31 }] } });
    expect(other.version).not.toBe(reranked.version);
  });

  it('takes each reranker with its own parameters and defaults', () => {
    const { policy } = parseServingPolicy({
      ranking: {
        rerankers: [
          { kind: 'calibration', lambda: 0.2 },
          { kind: 'fair-exposure', target: { kind: 'relevance' } },
          { kind: 'exploration-slot', slot: 3, surfaces: ['home'] },
        ],
      },
    });
    expect(policy.ranking.rerankers).toEqual([
      { kind: 'calibration', lambda: 0.2, reorder: false, surfaces: ['home', 'search'] },
      {
        kind: 'fair-exposure',
        target: { kind: 'relevance' },
        alpha: 0.1,
        adjustAlpha: true,
        amortize: true,
        surfaces: ['home', 'search'],
      },
      { kind: 'exploration-slot', slot: 3, usualGenreShare: 0.8, surfaces: ['home'] },
    ]);
  });

  it.each([
    [{ ranking: { rerankers: [{ kind: 'diversity', lambda: 2 }] } }, 'ranking.rerankers.0.lambda'],
    [{ ranking: { rerankers: [{ kind: 'shuffle' }] } }, 'ranking.rerankers.0.kind'],
    [{ ranking: { rerankers: [{ kind: 'diversity', extra: 1 }] } }, 'ranking.rerankers.0'],
    [
      { ranking: { rerankers: [{ kind: 'fair-exposure' }, { kind: 'calibration' }] } },
      'ranking.rerankers.1.kind',
    ],
    [
      { ranking: { rerankers: [{ kind: 'diversity' }, { kind: 'popularity-debias' }] } },
      'ranking.rerankers.1.kind',
    ],
    [
      { ranking: { rerankers: [{ kind: 'tail-boost' }, { kind: 'calibration' }] } },
      'ranking.rerankers.1.kind',
    ],
    [{ ranking: { rerankers: [{ kind: 'tail-boost', lambda: -0.1 }] } }, 'ranking.rerankers.0.lambda'],
    [
      { ranking: { rerankers: [{ kind: 'exposure-rotation' }, { kind: 'diversity' }] } },
      'ranking.rerankers.1.kind',
    ],
    [
      { ranking: { rerankers: [{ kind: 'exposure-rotation', halfLifeLists: 0 }] } },
      'ranking.rerankers.0.halfLifeLists',
    ],
    [
      { ranking: { rerankers: [{ kind: 'exploration-slot' }, { kind: 'exploration-slot' }] } },
      'ranking.rerankers.1.kind',
    ],
    [{ ranking: { poolSize: 5 } }, 'ranking.poolSize'],
    [{ ranking: { rerankers: [{ kind: 'diversity', surfaces: [] }] } }, 'ranking.rerankers.0.surfaces'],
    [{ maturity: { maxAudienceLevel: { kids: 4 } } }, 'maturity.maxAudienceLevel.kids'],
    [{ version: 2 }, ''],
  ])('refuses %j naming %s', (input, path) => {
    try {
      parseServingPolicy(input, 'test.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyError);
      expect((error as PolicyError).problems.map((p) => p.path)).toContain(path);
      expect((error as Error).message).toMatch(/^test\.yaml: /);
    }
  });

  it('lets a policy lower a profile limit, never raise it', () => {
    const { policy } = parseServingPolicy({ maturity: { maxAudienceLevel: { teen: 2, adult: 4 } } });
    expect(policy.maturity.maxAudienceLevel).toEqual({ kids: 2, teen: 2, adult: 4 });
  });
});

describe('loadPolicy', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'candor-policy-'));

  it('reads YAML from the data folder, else serves the default', () => {
    const data = dir();
    expect(loadPolicy(data, undefined)).toBe(DEFAULT_POLICY);
    writeFileSync(
      join(data, POLICY_FILE_NAME),
      'ranking:\n  poolSize: 100\n  rerankers:\n    - kind: exploration-slot\n      slot: 2\n',
    );
    const loaded = loadPolicy(data, undefined);
    expect(loaded.policy.ranking.poolSize).toBe(100);
    expect(loaded.policy.ranking.rerankers[0]).toMatchObject({ kind: 'exploration-slot', slot: 2 });
  });

  it('reads JSON too, and names the file and line of bad YAML', () => {
    const data = dir();
    const json = join(data, 'p.json');
    writeFileSync(json, JSON.stringify({ ranking: { poolSize: 50 } }));
    expect(readPolicyFile(json).policy.ranking.poolSize).toBe(50);
    const bad = join(data, 'bad.yaml');
    writeFileSync(bad, 'ranking:\n  poolSize: [1,\n');
    expect(() => readPolicyFile(bad)).toThrow(/bad\.yaml: .*not valid YAML at line \d/);
  });

  it('refuses a configured file that is missing instead of serving the default', () => {
    expect(() => loadPolicy(dir(), '/nonexistent/policy.yaml')).toThrow(/policy\.yaml: .*cannot read/);
  });
});
