import type { Worker } from 'node:worker_threads';
import { RECORD_KINDS, type RecordKind } from '../../catalog/catalog-records.js';
import { startWorker } from '../../worker/worker-url.js';
import { ImportRowError, type ImportSource, type Located } from '../import-source.js';
import { type DetectSourceInput, detectSource } from '../sources/detect-source.js';
import type { SourceMessage, SourceWorkerData } from './source-messages.js';

const BATCH_SIZE = 5000;
const MAX_IN_FLIGHT = 4;

/**
 * A source read by a worker thread: mapping and validation (most of an import's JavaScript work) run
 * beside the database writes instead of before them. Records arrive already validated.
 */
export class ParallelSource implements ImportSource {
  readonly validated = true;
  readonly dropped = new Map<string, number>();
  private worker: Worker | undefined;
  private readonly queue: SourceMessage[] = [];
  private wake: (() => void) | undefined;
  private exited: Error | undefined;
  private readonly credit = new SharedArrayBuffer(4);

  private constructor(
    private readonly described: ImportSource,
    private readonly path: string,
    private readonly options: DetectSourceInput,
  ) {}

  /** Detects the source (so its format, files and kinds are known at once) and reads it in a worker. */
  static async open(path: string, options: DetectSourceInput = {}): Promise<ParallelSource> {
    const source = new ParallelSource(await detectSource(path, options), path, options);
    // Start reading now: the worker's start-up overlaps with the caller opening its transaction.
    source.start();
    return source;
  }

  get format(): string {
    return this.described.format;
  }
  get files(): readonly string[] {
    return this.described.files;
  }
  get kinds(): readonly RecordKind[] {
    return this.described.kinds;
  }

  async *records(kind: RecordKind, progress?: (bytes: number) => void): AsyncGenerator<Located<unknown>> {
    this.start();
    for (;;) {
      const message = await this.next();
      if (message.type === 'batch') {
        Atomics.sub(new Int32Array(this.credit), 0, 1);
        Atomics.notify(new Int32Array(this.credit), 0);
        progress?.(message.bytes);
        // The worker reads every kind in order; a reader that wants only some skips the others.
        if (message.kind !== kind) {
          if (RECORD_KINDS.indexOf(message.kind) > RECORD_KINDS.indexOf(kind)) {
            throw new Error(`${kind} records were asked for after ${message.kind} records were read`);
          }
          continue;
        }
        for (let i = 0; i < message.values.length; i += 1) {
          yield { file: message.file, line: message.lines[i] as number, value: message.values[i] };
        }
      } else if (message.type === 'end') {
        if (message.kind === kind) return;
      } else if (message.type === 'done') {
        return;
      } else if (message.type === 'row-error') {
        throw new ImportRowError(message.file, message.line, message.field, message.detail);
      } else {
        throw new Error(message.message);
      }
    }
  }

  /** Stops the worker; safe to call at any point, and needed when an import is abandoned midway. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): void {
    if (this.worker) return;
    const workerData: SourceWorkerData = {
      path: this.path,
      options: this.options,
      batchSize: BATCH_SIZE,
      credit: this.credit,
      maxInFlight: MAX_IN_FLIGHT,
    };
    this.worker = startWorker(import.meta.url, 'source-worker', { workerData });
    this.worker.on('message', (message: SourceMessage) => this.push(message));
    this.worker.on('error', (error) => {
      this.exited = error;
      this.wake?.();
    });
    this.worker.on('exit', (code) => {
      this.exited ??= new Error(`the reading worker stopped (exit code ${code})`);
      this.wake?.();
    });
  }

  private push(message: SourceMessage): void {
    // Dropped-field counts travel with the end of each kind, so they are complete when the last kind's
    // records are: the caller's report is written before a later 'done' would arrive.
    if (message.type === 'end' || message.type === 'done') {
      for (const [key, n] of message.dropped) this.dropped.set(key, n);
    }
    this.queue.push(message);
    this.wake?.();
  }

  private async next(): Promise<SourceMessage> {
    for (;;) {
      const message = this.queue.shift();
      if (message) return message;
      if (this.exited) throw this.exited;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }
}
