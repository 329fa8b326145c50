import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/import-runner.js';
import { CandorJsonlSource } from '../../src/import/sources/index.js';
import { topK } from '../../src/evaluate/top-k.js';
import { popularityAlgorithm } from '../../src/models/basic/popularity-scorer.js';
import { loadModel } from '../../src/models/load-model.js';
import { runScorerContract } from '../../src/models/scorer-contract.js';
import { readArtifact } from '../../src/models/model-artifact.js';
import { trainModel } from '../../src/models/train-model.js';
import { loadTrainingSnapshot } from '../../src/models/training-snapshot.js';
import { Pseudonymizer } from '../../src/privacy/pseudonymizer.js';
import { repositoriesFor } from '../../src/store/repositories/index.js';
import { tempDir, writeNativeDataset } from '../support/dataset-fixtures.js';
import { sqliteTestStore, type TestStore } from '../support/test-stores.js';
import { TEST_IMPORT_CONSENT } from '../support/consent.js';

const pseudonymizer = new Pseudonymizer(Buffer.alloc(32, 7));

describe('training snapshot and popularity', () => {
  let t: TestStore;
  let dir: string;
  beforeEach(async () => {
    t = await sqliteTestStore();
    dir = tempDir();
    await runImport(t.store, new CandorJsonlSource(writeNativeDataset(dir)), {
      consent: TEST_IMPORT_CONSENT,
    });
  });
  afterEach(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const externalIdOf = async (itemId: string) =>
    (
      await t.store.db
        .selectFrom('items')
        .select('external_id')
        .where('id', '=', itemId)
        .executeTakeFirstOrThrow()
    ).external_id;

  it('builds a viewer x item matrix with event counts per pair', async () => {
    const snapshot = await loadTrainingSnapshot(t.store, { pseudonymizer });
    expect(snapshot.events).toBe(4);
    expect(snapshot.viewers).toHaveLength(2);
    expect(snapshot.itemIds).toHaveLength(3);
    // v1: i1 (1 event), i3 (2 events); v2: i3 (1 event) -> 3 pairs.
    expect(snapshot.matrix.rowStart[snapshot.viewers.length]).toBe(3);
    expect([...snapshot.matrix.values].sort()).toEqual([1, 1, 2]);
    expect(snapshot.lastEventAt).toBe('2026-01-03T10:00:00.000Z');
  });

  it('ranks items by distinct viewers, and the lineage hash moves with the data', async () => {
    const snapshot = await loadTrainingSnapshot(t.store, { pseudonymizer });
    const scorer = await popularityAlgorithm.fit(snapshot.matrix, { count: 'viewers' });
    const scores = scorer.score({ items: new Int32Array() });
    const ranked = await Promise.all(
      [...topK(scores, 3)].map((i) => externalIdOf(snapshot.itemIds[i] as string)),
    );
    expect(ranked).toEqual(['i3', 'i1', 'i2']);
    expect([...scores].sort()).toEqual([0, 1, 2]);
    const i3 = snapshot.itemIds.findIndex((_, index) => scores[index] === 2);
    expect(topK(scores, 3, [i3])).toHaveLength(2);

    const repos = repositoriesFor(t.store.db, t.store.dialect);
    const subject = await repos.subjects.getByExternalId('v2');
    const item = await t.store.db
      .selectFrom('items')
      .select('key')
      .where('external_id', '=', 'i1')
      .executeTakeFirstOrThrow();
    await repos.interactions.append(
      [
        {
          idempotencyKey: 'new',
          subjectKey: subject?.key as number,
          itemKey: item.key,
          kind: 'like',
          value: null,
          occurredAt: '2026-02-01T00:00:00.000Z',
        },
      ],
      (await repos.batches.open('test')).key,
    );
    expect((await loadTrainingSnapshot(t.store, { pseudonymizer })).hash).not.toBe(snapshot.hash);
  });

  it('writes an artifact that reads back identically', async () => {
    const { manifest } = await trainModel(t.store, t.dataDir, {
      algorithm: 'popularity',
      alias: 'production',
    });
    const artifact = readArtifact(t.dataDir, manifest.id);
    expect(artifact.manifest).toEqual(manifest);
    expect(artifact.itemIds).toHaveLength(3);
    const fitted = await popularityAlgorithm.fit(
      (await loadTrainingSnapshot(t.store, { pseudonymizer })).matrix,
      {
        count: 'viewers',
      },
    );
    const loaded = loadModel(t.dataDir, manifest.id);
    const history = { items: new Int32Array([0]) };
    expect([...loaded.scorer.score(history)]).toEqual([...fitted.score(history)]);
  });
});

runScorerContract({ algorithm: popularityAlgorithm, personalised: false, explanation: 'none' });
