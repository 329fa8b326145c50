/**
 * Keeps the `capacity` best (item, similarity) pairs offered to it: higher similarity first, the lower
 * item index on ties, so the kept set never depends on the order of the offers.
 */
export class NeighbourHeap {
  private readonly items: Int32Array;
  private readonly values: Float64Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.items = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  clear(): void {
    this.size = 0;
  }

  offer(item: number, value: number): void {
    if (this.size < this.capacity) {
      this.items[this.size] = item;
      this.values[this.size] = value;
      this.size += 1;
      this.siftUp(this.size - 1);
    } else if (this.capacity > 0 && this.worse(0, item, value)) {
      this.items[0] = item;
      this.values[0] = value;
      this.siftDown(0);
    }
  }

  /** Writes the kept pairs sorted by item index ascending; returns how many. */
  drainByItem(items: Int32Array, values: Float32Array, at: number): number {
    const order = Array.from({ length: this.size }, (_, k) => k).sort(
      (x, y) => (this.items[x] as number) - (this.items[y] as number),
    );
    order.forEach((k, position) => {
      items[at + position] = this.items[k] as number;
      values[at + position] = this.values[k] as number;
    });
    const kept = this.size;
    this.size = 0;
    return kept;
  }

  /** Whether the kept pair at `slot` ranks below (item, value). */
  private worse(slot: number, item: number, value: number): boolean {
    const v = this.values[slot] as number;
    return v < value || (v === value && (this.items[slot] as number) > item);
  }

  /** Whether the pair at slot x ranks below the pair at slot y. */
  private below(x: number, y: number): boolean {
    return this.worse(x, this.items[y] as number, this.values[y] as number);
  }

  private siftUp(slot: number): void {
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.below(slot, parent)) return;
      this.swap(slot, parent);
      slot = parent;
    }
  }

  private siftDown(slot: number): void {
    for (;;) {
      const left = 2 * slot + 1;
      const right = left + 1;
      let worst = slot;
      if (left < this.size && this.below(left, worst)) worst = left;
      if (right < this.size && this.below(right, worst)) worst = right;
      if (worst === slot) return;
      this.swap(slot, worst);
      slot = worst;
    }
  }

  private swap(x: number, y: number): void {
    const item = this.items[x] as number;
    const value = this.values[x] as number;
    this.items[x] = this.items[y] as number;
    this.values[x] = this.values[y] as number;
    this.items[y] = item;
    this.values[y] = value;
  }
}
