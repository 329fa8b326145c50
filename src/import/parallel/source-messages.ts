import type { RecordKind } from '../../catalog/catalog-records.js';
import type { DetectSourceInput } from '../sources/detect-source.js';

/** What the reading worker is started with. */
export interface SourceWorkerData {
  path: string;
  options: DetectSourceInput;
  batchSize: number;
  /** Int32Array over a SharedArrayBuffer: [batches posted and not yet consumed]. */
  credit: SharedArrayBuffer;
  maxInFlight: number;
}

/** Messages from the reading worker, in the order it reads. */
export type SourceMessage =
  | { type: 'batch'; kind: RecordKind; file: string; lines: number[]; values: unknown[]; bytes: number }
  /** A kind is read; `dropped` is the source's count of dropped fields so far. */
  | { type: 'end'; kind: RecordKind; dropped: [string, number][] }
  | { type: 'row-error'; file: string; line: number; field: string | undefined; detail: string }
  | { type: 'failure'; message: string }
  | { type: 'done'; dropped: [string, number][] };
