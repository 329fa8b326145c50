import { createHash } from 'node:crypto';
import type { Store } from '../store/open-store.js';
import { InteractionRepository } from '../store/repositories/interaction-repository.js';
import type { InteractionMatrix } from './interaction-matrix.js';

/**
 * The implicit-feedback matrix a model is fitted on: one entry per (viewer, item) pair that has any
 * interaction, in compressed sparse row form (rows = viewers). Items and viewers are indexed densely;
 * the hash identifies exactly which events went in, for the model's lineage.
 */
export interface TrainingSnapshot {
  /** Row u is the viewer subjectIds[u]; column i the item itemIds[i]; values count events per pair. */
  matrix: InteractionMatrix;
  subjectIds: string[];
  itemIds: string[];
  events: number;
  hash: string;
  /** Latest event time in the snapshot (ISO), or null when empty. */
  lastEventAt: string | null;
}

const PAGE = 50_000;

export async function loadTrainingSnapshot(store: Store): Promise<TrainingSnapshot> {
  const items = await store.db.selectFrom('items').select(['key', 'id']).orderBy('key').execute();
  const itemIds = items.map((row) => row.id);
  const itemPosition = new Map(items.map((row, index) => [row.key, index]));
  const subjects = await store.db.selectFrom('subjects').select(['key', 'id']).execute();
  const subjectIdOf = new Map(subjects.map((row) => [row.key, row.id]));

  const pairs = new Map<number, Map<number, number>>();
  const hash = createHash('sha256');
  let events = 0;
  let lastEventAt: string | null = null;
  for await (const page of new InteractionRepository(store.db, store.dialect).scan(PAGE)) {
    for (const event of page) {
      const item = itemPosition.get(event.item_key);
      if (item === undefined) continue;
      hash.update(
        `${subjectIdOf.get(event.subject_key)}\t${itemIds[item]}\t${event.kind}\t${event.value ?? ''}\t${event.occurred_at}\n`,
      );
      let row = pairs.get(event.subject_key);
      if (!row) {
        row = new Map();
        pairs.set(event.subject_key, row);
      }
      row.set(item, (row.get(item) ?? 0) + 1);
      events += 1;
      if (lastEventAt === null || event.occurred_at > lastEventAt) lastEventAt = event.occurred_at;
    }
  }

  const subjectKeys = [...pairs.keys()].sort((a, b) => a - b);
  const rowStart = new Int32Array(subjectKeys.length + 1);
  let nnz = 0;
  for (const [u, key] of subjectKeys.entries()) {
    nnz += pairs.get(key)?.size ?? 0;
    rowStart[u + 1] = nnz;
  }
  const itemIndex = new Int32Array(nnz);
  const counts = new Float32Array(nnz);
  for (const [u, key] of subjectKeys.entries()) {
    const entries = [...(pairs.get(key) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
    let at = rowStart[u] as number;
    for (const [item, count] of entries) {
      itemIndex[at] = item;
      counts[at] = count;
      at += 1;
    }
  }
  return {
    matrix: { nUsers: subjectKeys.length, nItems: itemIds.length, rowStart, itemIndex, values: counts },
    subjectIds: subjectKeys.map((key) => subjectIdOf.get(key) as string),
    itemIds,
    events,
    hash: hash.digest('hex'),
    lastEventAt,
  };
}
