import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { candor } from '../support/run-cli.js';
import { tempDir, writeMovieLens100k } from '../support/dataset-fixtures.js';

const dirs: string[] = [];
const scratch = () => {
  const dir = tempDir('candor-cli-');
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const hashFiles = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  );

describe('candor CLI', () => {
  it('imports MovieLens 100K with --json, and a second import inserts nothing', async () => {
    const data = scratch();
    const dataset = writeMovieLens100k(scratch());
    const first = await candor('--data-dir', data, '--json', 'import', dataset);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.kinds).toEqual({
      genres: { read: 3, inserted: 3 },
      items: { read: 3, inserted: 3 },
      viewers: { read: 3, inserted: 3 },
      interactions: { read: 5, inserted: 5 },
    });
    const second = JSON.parse((await candor('--data-dir', data, '--json', 'import', dataset)).stdout);
    expect(Object.values(second.kinds).map((k) => (k as { inserted: number }).inserted)).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('imports nothing from a corrupted copy, exits 3 and names the file and line', async () => {
    const data = scratch();
    const dataset = writeMovieLens100k(scratch(), {
      data: '1\t1\t5\t874965758\n1\t2\t3\t876893171\n2\t3\tfour\t878542960\n3\t1\t5\t878542961\n',
    });
    const run = await candor('--data-dir', data, '--json', 'import', dataset);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ exitCode: 3, file: join(dataset, 'u.data'), line: 3 });
    expect(run.stderr).toMatch(/nothing was written.*u\.data:3/);
    const store = await openStore({ dataDir: data });
    const counts = await Promise.all(
      (['items', 'subjects', 'interactions', 'genres'] as const).map(async (table) =>
        Number(
          (
            await store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );
    await store.close();
    expect(counts).toEqual([0, 0, 0, 0]);
  });

  it('refuses a path it cannot read as a dataset with a usage error', async () => {
    const run = await candor('--data-dir', scratch(), 'import', join(scratch(), 'nothing-here'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/candor: /);
  });

  it('imports a mapped CSV file', async () => {
    const data = scratch();
    const dir = scratch();
    writeFileSync(join(dir, 'movies.csv'), 'movie,name,rated\nm1,"Heat, again",R\nm2,Up,PG\n');
    const run = await candor(
      '--data-dir',
      data,
      '--json',
      'import',
      join(dir, 'movies.csv'),
      '--format',
      'csv',
      '--kind',
      'items',
      '--map',
      'externalId=movie,title=name,kind==film,maturity.system==mpaa,maturity.rating=rated',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).kinds.items).toEqual({ read: 2, inserted: 2 });
  });

  it('generates byte-identical files for the same seed, imports them and states the planted bias', async () => {
    const a = scratch();
    const b = scratch();
    const args = ['generate', '--items', '60', '--viewers', '40', '--seed', '11'];
    const runA = await candor('--data-dir', a, '--json', ...args);
    expect(runA.code).toBe(0);
    const result = JSON.parse(runA.stdout);
    expect(result.import.kinds.items.inserted).toBe(60);
    expect(result.import.kinds.viewers.inserted).toBe(40);
    expect(result.import.kinds.interactions.inserted).toBe(result.counts.interactions);
    expect((await candor('--data-dir', b, '--json', ...args)).code).toBe(0);
    expect(hashFiles(join(a, 'synthetic'))).toEqual(hashFiles(join(b, 'synthetic')));
    const truth = JSON.parse(readFileSync(join(a, 'synthetic', 'ground-truth.json'), 'utf8'));
    expect(truth.plantedBias).toMatchObject({ kind: 'exposure', exposureMultiplier: 0.5 });
    const other = await candor(
      '--data-dir',
      scratch(),
      '--json',
      'generate',
      '--items',
      '60',
      '--viewers',
      '40',
      '--seed',
      '12',
      '--no-import',
    );
    expect(hashFiles(join(JSON.parse(other.stdout).out))).not.toEqual(hashFiles(join(a, 'synthetic')));
  });

  it('names the option when a value is out of range', async () => {
    const run = await candor('--data-dir', scratch(), 'generate', '--items', '0');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--items');
    const unknown = await candor('--data-dir', scratch(), 'generate', '--colour', 'red');
    expect(unknown.code).toBe(2);
  });

  it('migrates and reports the schema status', async () => {
    const data = scratch();
    const migrate = await candor('--data-dir', data, '--json', 'db', 'migrate');
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout).applied).toEqual([
      '0001-catalog-and-subjects',
      '0002-access-and-accountability',
      '0003-covering-history-index',
      '0004-privacy',
      '0005-safety',
      '0006-governance',
      '0007-redteam',
      '0008-household-profiles',
      '0009-viewer-data-version',
    ]);
    expect(JSON.parse((await candor('--data-dir', data, '--json', 'db', 'migrate')).stdout).applied).toEqual(
      [],
    );
    const status = JSON.parse((await candor('--data-dir', data, '--json', 'db', 'status')).stdout);
    expect(status.migrations).toHaveLength(9);
    expect(status.migrations[0].appliedAt).toMatch(/^\d{4}-/);
  });

  it('trains only on viewers who consented to model training, and records the consent snapshot', async () => {
    const unconsented = scratch();
    await candor('--data-dir', unconsented, 'import', writeMovieLens100k(scratch()));
    const without = await candor('--data-dir', unconsented, '--json', 'train', '--algo', 'popularity');
    expect(without.code).toBe(0);
    expect(JSON.parse(without.stdout).data).toMatchObject({
      events: 0,
      viewers: 0,
      consent: { purpose: 'model_training', includedViewers: 0, excludedViewers: 3, excludedEvents: 5 },
    });
    const badPurpose = await candor(
      '--data-dir',
      scratch(),
      'import',
      '--consent',
      'selling',
      writeMovieLens100k(scratch()),
    );
    expect(badPurpose.code).toBe(2);
    expect(badPurpose.stderr).toContain("--consent: unknown purpose 'selling'");
  });

  it('trains a popularity model whose artifact records its data lineage', async () => {
    const data = scratch();
    await candor(
      '--data-dir',
      data,
      'import',
      '--consent',
      'personalization,model_training',
      writeMovieLens100k(scratch()),
    );
    const run = await candor('--data-dir', data, '--json', 'train', '--algo', 'popularity', '--production');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(run.stdout);
    expect(manifest.data).toMatchObject({ events: 5, viewers: 3, items: 3, maxSeq: 5 });
    expect(manifest.data.consent).toMatchObject({ includedViewers: 3, excludedViewers: 0 });
    expect(manifest.data.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    const aliases = JSON.parse(readFileSync(join(data, 'models', 'aliases.json'), 'utf8'));
    expect(aliases.production).toBe(manifest.id);
    const bad = await candor('--data-dir', data, 'train', '--algo', 'magic');
    expect(bad.code).toBe(2);
  });

  it('evaluates an algorithm on a dataset folder without touching the store', async () => {
    const data = scratch();
    const dataset = writeMovieLens100k(scratch());
    const run = await candor(
      '--data-dir',
      data,
      '--json',
      'evaluate',
      '--data',
      dataset,
      '--algo',
      'popularity',
      '--k',
      '2',
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ algorithm: 'popularity', split: 'stratified:0.75', seed: 42, k: 2 });
    expect(result.sizes).toMatchObject({ users: 3, items: 3, events: 5 });
    expect(result.sizes.train + result.sizes.test).toBe(5);
    for (const name of ['precision', 'recall', 'ndcg', 'map', 'catalogCoverage', 'gini', 'novelty']) {
      expect(result.metrics).toHaveProperty(name);
    }
    expect(typeof result.fitSeconds).toBe('number');
    const bad = await candor('--data-dir', data, 'evaluate', '--data', dataset, '--split', 'sideways');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('sideways');
  });

  it('trains the default model (EASE) straight from a dataset folder', async () => {
    const data = scratch();
    const dataset = writeMovieLens100k(scratch());
    const run = await candor('--data-dir', data, '--json', 'train', '--data', dataset);
    expect(run.code).toBe(0);
    const manifest = JSON.parse(run.stdout);
    expect(manifest.algorithm).toBe('ease');
    expect(manifest.params).toEqual({ lambda: 500 });
    expect(manifest.data).toMatchObject({ events: 5, items: 3, source: dataset, itemIdSpace: 'external' });
    expect(JSON.parse(readFileSync(join(data, 'models', manifest.id, 'items.json'), 'utf8'))).toEqual([
      '1',
      '2',
      '3',
    ]);
    const both = await candor('--data-dir', data, 'train', '--data', dataset, '--from-store');
    expect(both.code).toBe(2);
    const badParams = await candor('--data-dir', data, 'train', '--params', '{"lambda": -1}');
    expect(badParams.code).toBe(2);
    expect(badParams.stderr).toContain('lambda');
  });

  it('prints help and the version with exit code 0', async () => {
    expect((await candor('--help')).code).toBe(0);
    const version = await candor('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
