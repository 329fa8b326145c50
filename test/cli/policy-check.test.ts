import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/config/serving-policy.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { candor } from '../support/run-cli.js';

const VALID = `
ranking:
  poolSize: 300
  rerankers:
    - kind: diversity
      lambda: 0.3
    - kind: exploration-slot
      slot: 4
privacy:
  retention:
    rawEventsDays: 400
promotion:
  thresholds:
    minCoverage: 0.2
  signoffRoles: [auditor, admin]
`;

const INVALID = `
ranking:
  poolSize: 5
  rerankers:
    - kind: diversity
      lambda: 7
maturity:
  maxAudienceLevel:
    kids: whatever
`;

describe('candor policy check', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('candor-policy-check-');
    writeFileSync(join(dir, 'valid.yaml'), VALID);
    writeFileSync(join(dir, 'invalid.yaml'), INVALID);
    writeFileSync(join(dir, 'broken.yaml'), 'ranking: [unclosed\n');
    writeFileSync(join(dir, 'empty.yaml'), '');
  });

  it('accepts a valid file and reports its version and what it decides', async () => {
    const run = await candor('policy', 'check', join(dir, 'valid.yaml'), '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      valid: boolean;
      version: string;
      candidatePool: number;
      rerankers: string[];
      retentionDays: { rawEventsDays: number; feedbackDays: number };
      promotion: unknown;
    };
    expect(result.valid).toBe(true);
    expect(result.version).toMatch(/^policy-[0-9a-f]{16}$/);
    expect(result.version).not.toBe(DEFAULT_POLICY.version);
    expect(result.candidatePool).toBe(300);
    expect(result.rerankers).toEqual(['diversity', 'exploration-slot']);
    // What the file leaves out takes its default, and the summary says so.
    expect(result.retentionDays.rawEventsDays).toBe(400);
    expect(result.retentionDays.feedbackDays).toBe(730);
    expect(result.promotion).toMatchObject({
      enforced: true,
      signoffRoles: ['auditor', 'admin'],
      thresholds: { minCoverage: 0.2, minGroupFairnessRatio: 0.8 },
    });

    const text = await candor('policy', 'check', join(dir, 'valid.yaml'));
    expect(text.stdout).toContain('diversity → exploration-slot');
    expect(text.stdout).toContain(result.version);
    expect(text.stdout).toContain('coverage >= 0.2');
    expect(text.stdout).toContain('sign-off by auditor and admin');
  });

  it('gives an empty file the default policy and its version', async () => {
    const run = await candor('policy', 'check', join(dir, 'empty.yaml'), '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { version: string }).version).toBe(DEFAULT_POLICY.version);
  });

  it('names every problem by its path and exits 3', async () => {
    const run = await candor('policy', 'check', join(dir, 'invalid.yaml'));
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('ranking.poolSize');
    expect(run.stderr).toContain('ranking.rerankers.0.lambda');
    expect(run.stderr).toContain('maturity.maxAudienceLevel.kids');
    expect(run.stderr).toMatch(/3 problems/);
  });

  it('reports YAML syntax errors with the line, and a missing file as a usage error', async () => {
    const broken = await candor('policy', 'check', join(dir, 'broken.yaml'));
    expect(broken.code).toBe(3);
    expect(broken.stderr).toMatch(/not valid YAML at line \d+/);
    const missing = await candor('policy', 'check', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});
