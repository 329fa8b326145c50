import { describe, expect, it } from 'vitest';
import { ExposureLedger } from './exposure-ledger.js';

describe('ExposureLedger', () => {
  it('carries a viewer deficit until a list clears it', () => {
    const ledger = new ExposureLedger();
    expect(ledger.deficitOf('v')).toBe(0);
    ledger.record('v', 1.5);
    ledger.record('w', 0.25);
    expect(ledger.deficitOf('v')).toBe(1.5);
    ledger.record('v', 0);
    expect(ledger.deficitOf('v')).toBe(0);
    expect(ledger.size).toBe(1);
  });

  it('drops the least recently served viewer beyond its capacity', () => {
    const ledger = new ExposureLedger(2);
    ledger.record('a', 1);
    ledger.record('b', 2);
    ledger.record('a', 3);
    ledger.record('c', 4);
    expect([ledger.deficitOf('a'), ledger.deficitOf('b'), ledger.deficitOf('c')]).toEqual([3, 0, 4]);
  });

  it('refuses a negative or non-finite deficit and a bad capacity', () => {
    const ledger = new ExposureLedger();
    expect(() => ledger.record('v', -1)).toThrow(/deficit/);
    expect(() => ledger.record('v', Number.NaN)).toThrow(/deficit/);
    expect(() => new ExposureLedger(0)).toThrow(/capacity/);
  });
});
