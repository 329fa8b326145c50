import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleDiscreteGaussian } from './discrete-gaussian.js';
import { sampleDiscreteLaplace } from './discrete-laplace.js';
import { rational } from './rational.js';
import { cryptoRandom, type RandomSource, sampleBernoulli, sampleBernoulliExp } from './secure-random.js';
import { seededRandomSource } from './test-fixtures.js';

const N = 20_000;

/** Frequency of true over N trials is within 5 standard errors of p. */
function expectFrequency(trial: () => boolean, p: number): void {
  let hits = 0;
  for (let i = 0; i < N; i += 1) if (trial()) hits += 1;
  const tolerance = 5 * Math.sqrt((p * (1 - p)) / N) + 1e-12;
  expect(Math.abs(hits / N - p)).toBeLessThanOrEqual(tolerance);
}

describe('sampleBernoulli', () => {
  it('is 1 exactly when the uniform draw below the denominator is below the numerator', () => {
    const asked: bigint[] = [];
    const fixed = (value: bigint): RandomSource => ({
      randomInt(max) {
        asked.push(BigInt(max));
        return value;
      },
    });
    expect(sampleBernoulli(rational(3, 10), fixed(2n))).toBe(true);
    expect(sampleBernoulli(rational(3, 10), fixed(3n))).toBe(false);
    expect(asked).toEqual([10n, 10n]);
    expect(sampleBernoulli(rational(0, 7), fixed(0n))).toBe(false);
    expect(sampleBernoulli(rational(7, 7), fixed(6n))).toBe(true);
  });

  it('has frequency p for a rational p', () => {
    expectFrequency(() => sampleBernoulli(rational(1, 3)), 1 / 3);
  });

  it('refuses a probability outside [0, 1]', () => {
    expect(() => sampleBernoulli(rational(4, 3))).toThrow(/\[0, 1\].*4\/3/);
    expect(() => sampleBernoulli(rational(-1, 3))).toThrow(/\[0, 1\]/);
  });
});

describe('sampleBernoulliExp', () => {
  it.each([
    [0, 1],
    [1, 2],
    [1, 1],
    [7, 3],
    [5, 1],
  ])('has frequency exp(-%i/%i)', (num, den) => {
    expectFrequency(() => sampleBernoulliExp(rational(num, den)), Math.exp(-num / den));
  });

  it('refuses a negative γ', () => {
    expect(() => sampleBernoulliExp(rational(-1, 2))).toThrow(/non-negative/);
  });
});

describe('cryptoRandom', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws in range, for small bounds and for bounds beyond crypto.randomInt (2^48)', () => {
    for (const bound of [1n, 2n, 7n, 2n ** 48n - 1n, 2n ** 48n, 3n * 2n ** 62n + 5n, 10n ** 40n]) {
      for (let i = 0; i < 200; i += 1) {
        const value = cryptoRandom.randomInt(bound);
        expect(value >= 0n && value < bound).toBe(true);
      }
    }
    expect(() => cryptoRandom.randomInt(0)).toThrow(/positive/);
  });

  it('is uniform above 2^48 too (a third of [0, 3·2^62) lies below 2^62)', () => {
    const bound = 3n * 2n ** 62n;
    expectFrequency(() => cryptoRandom.randomInt(bound) < 2n ** 62n, 1 / 3);
  });

  it('never reads Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    for (let i = 0; i < 100; i += 1) {
      sampleDiscreteLaplace(rational(5, 2));
      sampleDiscreteGaussian(rational(7, 3));
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('can be replaced by a seeded source that replays the same draws', () => {
    const a = seededRandomSource(42);
    const b = seededRandomSource(42);
    const first = Array.from({ length: 50 }, () => sampleDiscreteGaussian(rational(4), a));
    const second = Array.from({ length: 50 }, () => sampleDiscreteGaussian(rational(4), b));
    expect(first).toEqual(second);
  });
});
