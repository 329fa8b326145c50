import { INTERACTION_KINDS, type InteractionKind } from '../catalog-records.js';

export const VIEW = INTERACTION_KINDS.indexOf('view');
export const COMPLETE = INTERACTION_KINDS.indexOf('complete');
export const LIKE = INTERACTION_KINDS.indexOf('like');
export const RATING = INTERACTION_KINDS.indexOf('rating');

/**
 * Logged events in columns (about a million of them fit in a few tens of megabytes), in file order:
 * by viewer, then by time. Records are made from them one at a time when written.
 */
export class InteractionLog {
  count = 0;
  readonly viewer: Int32Array;
  readonly item: Int32Array;
  /** Index into INTERACTION_KINDS. */
  readonly kind: Uint8Array;
  /** NaN stands for null. */
  readonly value: Float64Array;
  /** Seconds after the start of the logged period. */
  readonly time: Float64Array;

  constructor(readonly capacity: number) {
    this.viewer = new Int32Array(capacity);
    this.item = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.value = new Float64Array(capacity);
    this.time = new Float64Array(capacity);
  }

  push(viewer: number, item: number, kind: number, value: number): number {
    const i = this.count;
    if (i >= this.capacity) throw new Error(`interaction log is full (${this.capacity} events)`);
    this.viewer[i] = viewer;
    this.item[i] = item;
    this.kind[i] = kind;
    this.value[i] = value;
    this.count = i + 1;
    return i;
  }

  kindName(i: number): InteractionKind {
    const kind = INTERACTION_KINDS[this.kind[i] ?? 0];
    if (kind === undefined) throw new Error(`bad interaction kind code at ${i}`);
    return kind;
  }

  /** Events of each kind, by kind name. */
  countByKind(): Record<InteractionKind, number> {
    const counts = Object.fromEntries(INTERACTION_KINDS.map((kind) => [kind, 0])) as Record<
      InteractionKind,
      number
    >;
    for (let i = 0; i < this.count; i++) counts[this.kindName(i)] += 1;
    return counts;
  }
}
