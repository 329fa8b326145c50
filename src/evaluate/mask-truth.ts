import type { Truth } from './metrics/ranking-metric.js';

/** A Truth over a reusable item mask: load a viewer's test items, measure, clear. */
export class MaskTruth implements Truth {
  size = 0;
  private readonly mask: Uint8Array;
  constructor(nItems: number) {
    this.mask = new Uint8Array(nItems);
  }
  has(item: number): boolean {
    return this.mask[item] === 1;
  }
  set(items: Int32Array, on: 0 | 1): void {
    for (const item of items) this.mask[item] = on;
    this.size = on ? items.length : 0;
  }
}
