import { rmSync } from 'node:fs';
import { runImport } from '../src/import/import-runner.js';
import { detectSource } from '../src/import/sources/index.js';
import { openStore } from '../src/store/open-store.js';
import { machine, peakRss, scratchDir, sharedDataset } from './bench-support.js';

/** Imports MovieLens 100K into a fresh SQLite store (and PostgreSQL when CANDOR_BENCH_POSTGRES_URL is set). */
export async function run(): Promise<Record<string, unknown>> {
  const dataset = sharedDataset('ml-100k');
  const results: Record<string, unknown>[] = [];
  const targets: [string, string | undefined][] = [['sqlite', undefined]];
  if (process.env.CANDOR_BENCH_POSTGRES_URL)
    targets.push(['postgres', process.env.CANDOR_BENCH_POSTGRES_URL]);
  for (const [name, databaseUrl] of targets) {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const dataDir = scratchDir('ingest');
      const store = await openStore({ dataDir, databaseUrl });
      if (databaseUrl) {
        for (const table of [
          'feedback',
          'interactions',
          'subject_personal',
          'subjects',
          'item_creators',
          'item_genres',
          'items',
          'creators',
          'genres',
          'import_batches',
        ] as const) {
          await store.db.deleteFrom(table).execute();
        }
      }
      const rss = peakRss();
      const started = performance.now();
      const report = await runImport(store, await detectSource(dataset, {}));
      const seconds = (performance.now() - started) / 1000;
      const again = performance.now();
      const second = await runImport(store, await detectSource(dataset, {}));
      const reimportSeconds = (performance.now() - again) / 1000;
      const events = report.kinds.interactions?.inserted ?? 0;
      results.push({
        database: name,
        attempt: attempt + 1,
        events,
        seconds: Number(seconds.toFixed(3)),
        eventsPerSecond: Math.round(events / seconds),
        reimportInserted: second.kinds.interactions?.inserted ?? null,
        reimportSeconds: Number(reimportSeconds.toFixed(3)),
        peakRssMiB: rss.stop(),
      });
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const sqlite = results.filter((r) => r.database === 'sqlite').map((r) => r.eventsPerSecond as number);
  return {
    dataset: 'ml-100k',
    command: 'npm run bench -- ingest',
    goal: '>= 100000 events/s on SQLite',
    sqliteMedianEventsPerSecond: sqlite.sort((a, b) => a - b)[Math.floor(sqlite.length / 2)],
    runs: results,
    machine: machine(),
  };
}
