import type { EasePhase } from './ease-solve.js';

/** What the EASE worker is started with; the arrays' buffers are transferred, not copied. */
export interface EaseWorkerData {
  nItems: number;
  rowStart: Int32Array;
  itemIndex: Int32Array;
  lambda: number;
}

/** What the EASE worker posts back: progress reports, then the weights (transferred) or a failure. */
export type EaseWorkerMessage =
  | { type: 'progress'; fraction: number; phase: EasePhase }
  | { type: 'done'; b: Float32Array; p: Float64Array }
  | { type: 'failure'; message: string };
