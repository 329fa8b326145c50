import { rmSync } from 'node:fs';
import { throwawayPostgresDatabase } from '../test/support/test-stores.js';
import { machine, scratchDir, sharedDataset } from './bench-support.js';
import { runCandor } from './cli-process.js';

interface KindCount {
  read: number;
  inserted: number;
}

/**
 * `candor import ../shared/data/ml-100k` into a fresh store, three times, each followed by a re-import
 * of the same data. events/s is interactions over the import's own time (process start-up and store
 * opening excluded; wall time reported beside it). PostgreSQL too when CANDOR_BENCH_POSTGRES_URL is set.
 */
export async function run(): Promise<Record<string, unknown>> {
  const dataset = sharedDataset('ml-100k');
  const runs: Record<string, unknown>[] = [];
  const targets: [string, string | undefined][] = [['sqlite', undefined]];
  if (process.env.CANDOR_BENCH_POSTGRES_URL)
    targets.push(['postgres', process.env.CANDOR_BENCH_POSTGRES_URL]);
  for (const [database, serverUrl] of targets) {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const dataDir = scratchDir('ingest');
      const fresh = serverUrl ? await throwawayPostgresDatabase(serverUrl, 'candor_bench') : undefined;
      const env: Record<string, string> = fresh ? { CANDOR_DATABASE_URL: fresh.url } : {};
      try {
        const first = runCandor(['--data-dir', dataDir, 'import', dataset], env);
        const again = runCandor(['--data-dir', dataDir, 'import', dataset], env);
        const kinds = first.result.kinds as Record<string, KindCount>;
        const events = kinds.interactions?.inserted ?? 0;
        const seconds = first.result.seconds as number;
        runs.push({
          database,
          attempt,
          events,
          importSeconds: seconds,
          eventsPerSecond: Math.round(events / seconds),
          wallSeconds: Number(first.seconds.toFixed(3)),
          peakRssMiB: first.peakRssMiB,
          reimportInserted: Object.values(again.result.kinds as Record<string, KindCount>).reduce(
            (n, k) => n + k.inserted,
            0,
          ),
          reimportSeconds: again.result.seconds,
        });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        await fresh?.drop();
      }
    }
  }
  const median = (database: string) => {
    const rates = runs
      .filter((r) => r.database === database)
      .map((r) => r.eventsPerSecond as number)
      .sort((a, b) => a - b);
    return rates[Math.floor(rates.length / 2)] ?? null;
  };
  return {
    dataset: 'ml-100k',
    command: 'npm run bench -- ingest',
    goal: '>= 100000 events/s on SQLite',
    sqliteMedianEventsPerSecond: median('sqlite'),
    postgresMedianEventsPerSecond: median('postgres'),
    runs,
    machine: machine(),
  };
}
