import { createHash } from 'node:crypto';
import type { Store } from '../store/open-store.js';

/**
 * The implicit-feedback matrix a model is fitted on: one entry per (viewer, item) pair that has any
 * interaction, in compressed sparse row form (rows = viewers). Items and viewers are indexed densely;
 * the hash identifies exactly which events went in, for the model's lineage.
 */
export interface TrainingSnapshot {
  subjectIds: string[];
  itemIds: string[];
  /** CSR row pointers: viewer u's items are itemIndex[rowStart[u] .. rowStart[u+1]). */
  rowStart: Int32Array;
  itemIndex: Int32Array;
  /** Number of events behind each (viewer, item) entry. */
  counts: Float32Array;
  events: number;
  hash: string;
  /** Latest event time in the snapshot (ISO), or null when empty. */
  lastEventAt: string | null;
}

export async function loadTrainingSnapshot(store: Store): Promise<TrainingSnapshot> {
  const items = await store.db.selectFrom('items').select('id').orderBy('id').execute();
  const itemIds = items.map((row) => row.id);
  const itemPosition = new Map(itemIds.map((id, index) => [id, index]));
  const pairs = new Map<string, Map<number, number>>();
  const hash = createHash('sha256');
  let events = 0;
  let lastEventAt: string | null = null;

  let after = 0;
  for (;;) {
    const page = await store.db
      .selectFrom('interactions')
      .select(['seq', 'subject_id', 'item_id', 'kind', 'value', 'occurred_at'])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(50_000)
      .execute();
    if (page.length === 0) break;
    for (const row of page) {
      hash.update(`${row.subject_id}\t${row.item_id}\t${row.kind}\t${row.value ?? ''}\t${row.occurred_at}\n`);
      const item = itemPosition.get(row.item_id);
      if (item === undefined) continue;
      let row_ = pairs.get(row.subject_id);
      if (!row_) {
        row_ = new Map();
        pairs.set(row.subject_id, row_);
      }
      row_.set(item, (row_.get(item) ?? 0) + 1);
      events += 1;
      if (lastEventAt === null || row.occurred_at > lastEventAt) lastEventAt = row.occurred_at;
    }
    after = page[page.length - 1]?.seq ?? after;
  }

  const subjectIds = [...pairs.keys()].sort();
  const rowStart = new Int32Array(subjectIds.length + 1);
  let nnz = 0;
  for (const [u, id] of subjectIds.entries()) {
    nnz += pairs.get(id)?.size ?? 0;
    rowStart[u + 1] = nnz;
  }
  const itemIndex = new Int32Array(nnz);
  const counts = new Float32Array(nnz);
  for (const [u, id] of subjectIds.entries()) {
    const entries = [...(pairs.get(id) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
    let at = rowStart[u] as number;
    for (const [item, count] of entries) {
      itemIndex[at] = item;
      counts[at] = count;
      at += 1;
    }
  }
  return { subjectIds, itemIds, rowStart, itemIndex, counts, events, hash: hash.digest('hex'), lastEventAt };
}
