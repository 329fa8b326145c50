import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RedteamFamily } from '../../src/redteam/redteam-family.js';
import { attackKinds, registerRedteamFamily, resolveAttackKind } from '../../src/redteam/redteam-registry.js';
import { candor } from '../support/run-cli.js';
import { tempDir } from '../support/dataset-fixtures.js';

/** A stand-in family: what registering another kind of attack takes. */
const probes: string[] = [];
const standIn: RedteamFamily = {
  name: 'stand-in',
  description: 'stand-in',
  variants: ['probe', 'flood'],
  async prepare(options) {
    return {
      async run(variant) {
        probes.push(`${variant}:${String(options.seed)}`);
        return {
          kind: `stand-in:${variant}`,
          passed: variant === 'probe',
          report: { blocked: 3 },
          summary: `${variant} ok`,
        };
      },
    };
  },
};

describe('red team registry', () => {
  it('takes new attack families, which the command then runs like the built-in ones', async () => {
    registerRedteamFamily(standIn);
    expect(() => registerRedteamFamily(standIn)).toThrow(/registered already/);
    expect(attackKinds()).toEqual([
      'shilling:random',
      'shilling:average',
      'shilling:bandwagon',
      'shilling:segment',
      'gateway:prompt-attacks',
      'gateway:harm-evasion',
      'gateway:benign',
      'access:id-guessing',
      'access:role-escalation',
      'access:tokens',
      'access:bodies',
      'stand-in:probe',
      'stand-in:flood',
    ]);
    expect(resolveAttackKind('stand-in').variants).toEqual(['probe', 'flood']);
    expect(resolveAttackKind('stand-in:flood').variants).toEqual(['flood']);
    expect(() => resolveAttackKind('stand-in:probe:extra')).toThrow(/unknown attack/);

    const run = await candor(
      '--data-dir',
      tempDir(),
      '--json',
      'redteam',
      '--attack',
      'stand-in',
      '--seed',
      '5',
    );
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(probes).toEqual(['probe:5', 'flood:5']);
    expect(printed.passed).toBe(false);
    expect(printed.results).toEqual([
      { kind: 'stand-in:probe', passed: true, blocked: 3 },
      { kind: 'stand-in:flood', passed: false, blocked: 3 },
    ]);
    expect(readFileSync(printed.summary, 'utf8')).toContain('goals NOT met');
  });
});
