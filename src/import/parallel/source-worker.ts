import { parentPort, workerData } from 'node:worker_threads';
import { RECORD_KINDS } from '../../catalog/catalog-records.js';
import { ImportRowError } from '../import-source.js';
import { validated } from '../record-validation.js';
import { detectSource } from '../sources/detect-source.js';
import type { SourceMessage, SourceWorkerData } from './source-messages.js';

/**
 * Reads, maps and validates a source off the main thread and posts validated records in batches. It
 * waits when `maxInFlight` batches are unconsumed, so a fast reader cannot fill the main thread's memory.
 */
const data = workerData as SourceWorkerData;
const port = parentPort;
if (!port) throw new Error('source-worker must run in a worker thread');
const credit = new Int32Array(data.credit);

function post(message: SourceMessage): void {
  if (message.type === 'batch') {
    while (Atomics.load(credit, 0) >= data.maxInFlight)
      Atomics.wait(credit, 0, Atomics.load(credit, 0), 1000);
    Atomics.add(credit, 0, 1);
  }
  port?.postMessage(message);
}

try {
  const source = await detectSource(data.path, data.options);
  for (const kind of RECORD_KINDS) {
    if (!source.kinds.includes(kind)) continue;
    let file = '';
    let lines: number[] = [];
    let values: unknown[] = [];
    let bytes = 0;
    const flush = () => {
      if (values.length > 0 || bytes > 0) post({ type: 'batch', kind, file, lines, values, bytes });
      lines = [];
      values = [];
      bytes = 0;
    };
    for await (const located of source.records(kind, (delta) => (bytes += delta))) {
      if (located.file !== file && values.length > 0) flush();
      file = located.file;
      lines.push(located.line);
      values.push(validated(kind, located).value);
      if (values.length >= data.batchSize) flush();
    }
    flush();
    post({ type: 'end', kind, dropped: [...source.dropped] });
  }
  post({ type: 'done', dropped: [...source.dropped] });
} catch (error) {
  if (error instanceof ImportRowError) {
    post({ type: 'row-error', file: error.file, line: error.line, field: error.field, detail: error.detail });
  } else {
    post({ type: 'failure', message: error instanceof Error ? error.message : String(error) });
  }
}
