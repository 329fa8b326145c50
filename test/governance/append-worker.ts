/**
 * One writer process in miniature: its own store connection and its own accountability writer, appending
 * audit entries and decision records in rounds of concurrent calls once the test says go.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { accountabilityFor } from '../../src/governance/accountability.js';
import { openStore } from '../../src/store/open-store.js';

export interface AppendJob {
  databaseUrl: string;
  dataDir: string;
  actor: string;
  /** Calls per round; rounds run one after the other. */
  rounds: number[];
}

export type AppendWorkerMessage = { ready: true } | { done: true } | { error: string };

const job = workerData as AppendJob;
const port = parentPort;
if (!port) throw new Error('append-worker runs as a worker thread');

try {
  const store = await openStore({ dataDir: job.dataDir, databaseUrl: job.databaseUrl }, { migrate: false });
  const { audit, decisions, close } = accountabilityFor(store);
  const go = new Promise((resolve) => port.once('message', resolve));
  port.postMessage({ ready: true } satisfies AppendWorkerMessage);
  await go;
  let n = 0;
  for (const size of job.rounds) {
    await Promise.all(
      Array.from({ length: size }, () => {
        const i = n++;
        return Promise.all([
          audit.append({
            actor: job.actor,
            action: 'recommendations.serve',
            outcome: 'success',
            detail: { i },
          }),
          decisions.record({
            subject: `${job.actor}-${i}`,
            surface: 'home',
            modelId: 'm',
            policyVersion: 'v1',
            consent: { personalization: true, source: 'viewer', version: 1 },
            stages: [],
            items: [{ itemId: 'i1', score: 1, rank: 1, reasons: [] }],
          }),
        ]);
      }),
    );
  }
  await close();
  await store.close();
  port.postMessage({ done: true } satisfies AppendWorkerMessage);
} catch (error) {
  port.postMessage({ error: String((error as Error)?.stack ?? error) } satisfies AppendWorkerMessage);
}
