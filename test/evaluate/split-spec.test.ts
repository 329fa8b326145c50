import { describe, expect, it } from 'vitest';
import { formatSplitSpec, parseSplitSpec } from '../../src/evaluate/split-spec.js';

describe('split specs', () => {
  it('reads each kind with its defaults and round-trips', () => {
    expect(parseSplitSpec('stratified')).toEqual({ kind: 'stratified', ratio: 0.75 });
    expect(parseSplitSpec('stratified:0.8')).toEqual({ kind: 'stratified', ratio: 0.8 });
    expect(parseSplitSpec('temporal:2')).toEqual({ kind: 'temporal', last: 2 });
    expect(parseSplitSpec('temporal:0.2')).toEqual({ kind: 'temporal', last: 0.2 });
    expect(parseSplitSpec('strong:0.1')).toEqual({ kind: 'strong', heldOut: 0.1, foldIn: 0.5 });
    for (const text of ['stratified:0.75', 'temporal:1', 'strong:0.2:0.5']) {
      expect(formatSplitSpec(parseSplitSpec(text))).toBe(text);
    }
  });

  it('names what is wrong', () => {
    expect(() => parseSplitSpec('random')).toThrow(/kind must be/);
    expect(() => parseSplitSpec('stratified:1.5')).toThrow(/ratio/);
    expect(() => parseSplitSpec('stratified:abc')).toThrow(/not a number/);
    expect(() => parseSplitSpec('temporal:2.5')).toThrow(/whole number/);
    expect(() => parseSplitSpec('strong:0.2:0.5:0.1')).toThrow(/at most 2/);
  });
});
