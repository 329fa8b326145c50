import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/import-runner.js';
import { ImportRowError, type ImportSource } from '../../src/import/import-source.js';
import { ParallelSource } from '../../src/import/parallel/parallel-source.js';
import { detectSource } from '../../src/import/sources/index.js';
import { tempDir, writeMovieLens100k, writeNativeDataset } from '../support/dataset-fixtures.js';
import { sqliteTestStore, type TestStore } from '../support/test-stores.js';

async function readEverything(source: ImportSource) {
  const out: Record<string, { file: string; line: number; value: unknown }[]> = {};
  for (const kind of source.kinds) {
    out[kind] = [];
    for await (const record of source.records(kind)) out[kind].push(record);
  }
  await source.close?.();
  return out;
}

describe('reading a source in a worker thread', () => {
  let dir: string;
  let t: TestStore;
  beforeEach(async () => {
    dir = tempDir();
    t = await sqliteTestStore();
  });
  afterEach(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('yields the same records, lines and dropped-field counts as reading in place', async () => {
    writeMovieLens100k(dir);
    const inPlace = await detectSource(dir, {});
    const expected = await readEverything(inPlace);
    const parallel = await ParallelSource.open(dir, {});
    expect(parallel.format).toBe('movielens-100k');
    expect(parallel.kinds).toEqual(inPlace.kinds);
    const actual = await readEverything(parallel);
    // Records arrive validated, so schema defaults are filled in; compare through the same lens.
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const kind of Object.keys(expected)) {
      expect(actual[kind]?.map((r) => [r.file, r.line])).toEqual(
        expected[kind]?.map((r) => [r.file, r.line]),
      );
      expect(actual[kind]?.map((r) => r.value)).toMatchObject(expected[kind]?.map((r) => r.value) ?? []);
    }
    expect(parallel.dropped).toEqual(inPlace.dropped);
  });

  it('lets a reader ask for only some kinds, in order', async () => {
    writeMovieLens100k(dir);
    const parallel = await ParallelSource.open(dir, {});
    const items = [];
    for await (const record of parallel.records('items')) items.push(record);
    const events = [];
    for await (const record of parallel.records('interactions')) events.push(record);
    await parallel.close();
    expect(items).toHaveLength(3);
    expect(events).toHaveLength(5);
  });

  it('imports through the runner with the same report as reading in place', async () => {
    writeNativeDataset(dir);
    const report = await runImport(t.store, await ParallelSource.open(dir));
    expect(report.kinds.interactions).toEqual({ read: 4, inserted: 4 });
    expect(report.kinds.items).toEqual({ read: 3, inserted: 3 });
  });

  it('reports a bad row with its file and line, and the import writes nothing', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) =>
      JSON.stringify({
        subjectExternalId: 'v1',
        itemExternalId: 'i1',
        kind: 'view',
        occurredAt: `2026-01-01T00:00:00Z`,
        idempotencyKey: i === 9_000 ? '' : `k${i}`,
      }),
    );
    writeNativeDataset(dir, { interactions: rows.join('\n') });
    const error = await runImport(t.store, await ParallelSource.open(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRowError);
    expect(error).toMatchObject({
      file: join(dir, 'interactions.jsonl'),
      line: 9_001,
      field: 'idempotencyKey',
    });
    const count = await t.store.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('stops the worker when the import fails on the writing side midway', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) =>
      JSON.stringify({
        subjectExternalId: 'v1',
        itemExternalId: i === 10 ? 'missing' : 'i1',
        kind: 'view',
        occurredAt: '2026-01-01T00:00:00Z',
        idempotencyKey: `k${i}`,
      }),
    );
    writeNativeDataset(dir, { interactions: rows.join('\n') });
    await expect(runImport(t.store, await ParallelSource.open(dir))).rejects.toMatchObject({
      line: 11,
      field: 'itemExternalId',
    });
  });
});
