import { describe, expect, it } from 'vitest';
import { confidenceOf, ialsParamsSchema } from './ials-params.js';

const failingField = (input: unknown) => ialsParamsSchema.safeParse(input).error?.issues[0]?.path.join('.');

describe('ials params', () => {
  it('has a default and a description for every field', () => {
    const params = ialsParamsSchema.parse({});
    for (const [name, field] of Object.entries(ialsParamsSchema.shape)) {
      expect(params[name as keyof typeof params], name).toBeDefined();
      expect(field.description, name).toMatch(/\w{3}/);
    }
  });

  it.each([
    [{ factors: 0 }, 'factors'],
    [{ factors: 257 }, 'factors'],
    [{ factors: 12.5 }, 'factors'],
    [{ regularization: 0 }, 'regularization'],
    [{ regularization: -1 }, 'regularization'],
    [{ alpha: 0 }, 'alpha'],
    [{ alpha: Number.NaN }, 'alpha'],
    [{ confidence: 'square' }, 'confidence'],
    [{ epsilon: 0 }, 'epsilon'],
    [{ binarize: 'yes' }, 'binarize'],
    [{ iterations: 0 }, 'iterations'],
    [{ cgSteps: 0 }, 'cgSteps'],
    [{ seed: -1 }, 'seed'],
    [{ seed: 2 ** 32 }, 'seed'],
    [{ factor: 64 }, ''],
  ])('refuses %j and names %j', (input, field) => {
    expect(failingField(input)).toBe(field);
  });

  it('refuses unknown keys by name', () => {
    const issue = ialsParamsSchema.safeParse({ factor: 64 }).error?.issues[0];
    expect(issue?.code).toBe('unrecognized_keys');
    expect(issue?.message).toContain('factor');
  });

  it('turns values into confidences: linear, log, binarized', () => {
    const linear = ialsParamsSchema.parse({ alpha: 2, binarize: false });
    expect(confidenceOf(3, linear)).toBe(7);
    expect(confidenceOf(0, linear)).toBe(1);
    expect(confidenceOf(-2, linear)).toBe(1);
    expect(confidenceOf(3, { ...linear, binarize: true })).toBe(3);
    const log = ialsParamsSchema.parse({ alpha: 2, confidence: 'log', epsilon: 0.5, binarize: false });
    expect(confidenceOf(3, log)).toBeCloseTo(1 + 2 * Math.log(7), 12);
  });
});
