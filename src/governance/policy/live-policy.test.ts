import { describe, expect, it } from 'vitest';
import { parseServingPolicy, type VersionedPolicy } from '../../config/serving-policy.js';
import { LivePolicy } from './live-policy.js';

const policyA = parseServingPolicy({});
const policyB = parseServingPolicy({ ranking: { poolSize: 50 } });

describe('LivePolicy', () => {
  it('swaps the policy and every part built from it together', () => {
    let builds = 0;
    const live = new LivePolicy((policy: VersionedPolicy) => {
      builds += 1;
      return { policy, pool: policy.policy.ranking.poolSize, build: builds };
    }, policyA);
    const before = live.current;
    expect(before.pool).toBe(200);
    live.swap(policyB);
    expect(live.current.policy.version).toBe(policyB.version);
    expect(live.current.pool).toBe(50);
    expect(live.version).toBe(policyB.version);
    // A request that took the old state keeps a consistent view of it.
    expect(before.pool).toBe(200);
    expect(before.policy.version).toBe(policyA.version);
  });

  it('keeps the old state serving when the new one cannot be built', () => {
    const live = new LivePolicy((policy: VersionedPolicy) => {
      if (policy.policy.ranking.poolSize === 50) throw new Error('cannot build');
      return { policy };
    }, policyA);
    expect(() => live.swap(policyB)).toThrow('cannot build');
    expect(live.version).toBe(policyA.version);
  });
});
