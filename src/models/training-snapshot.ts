import { createHash } from 'node:crypto';
import { ConsentRepository } from '../privacy/consent/consent-repository.js';
import type { Pseudonymizer } from '../privacy/pseudonymizer.js';
import type { Store } from '../store/open-store.js';
import { InteractionRepository } from '../store/repositories/interaction-repository.js';
import type { InteractionMatrix } from './interaction-matrix.js';

/** The purpose a viewer must have granted for their events to be trained on. */
export const TRAINING_PURPOSE = 'model_training';

/**
 * Which consent a snapshot was taken under: the ledger position, and how many viewers with events were
 * in and out. Recorded in the model's manifest, so that a model can be traced to the consents it used.
 */
export interface ConsentSnapshot {
  purpose: string;
  /** Consent ledger sequence number the snapshot read up to. */
  ledgerSeq: number;
  includedViewers: number;
  excludedViewers: number;
  excludedEvents: number;
}

/**
 * The implicit-feedback matrix a model is fitted on: one entry per (viewer, item) pair that has any
 * interaction, in compressed sparse row form (rows = viewers). Items and viewers are indexed densely;
 * the hash identifies exactly which events went in, for the model's lineage.
 */
export interface TrainingSnapshot {
  /** Row u is the viewer `viewers[u]`; column i the item itemIds[i]; values count events per pair. */
  matrix: InteractionMatrix;
  /** Pseudonyms (keyed HMAC of the subject id) of the rows: training never sees a subject id. */
  viewers: string[];
  itemIds: string[];
  events: number;
  hash: string;
  /** Latest event time in the snapshot (ISO), or null when empty. */
  lastEventAt: string | null;
  /** Highest interaction sequence number read: the snapshot holds events up to it. */
  maxSeq: number;
  consent: ConsentSnapshot | null;
  /**
   * Viewers with events left out because the shilling detector quarantined them (counted apart from
   * consent: they had consented). 0 when nothing was quarantined or no quarantine was given.
   */
  quarantinedViewers: number;
}

export interface SnapshotOptions {
  pseudonymizer: Pseudonymizer;
  /**
   * Re-takes an earlier snapshot (to retrain a model without a forgotten viewer): the events up to
   * `maxSeq`, consent as of `ledgerSeq`, over the model's own item list.
   */
  asOf?: { maxSeq: number; ledgerSeq: number; itemIds: readonly string[] };
  /** Subjects to leave out whatever their consent (those being erased). */
  exclude?: ReadonlySet<string>;
  /** Subjects quarantined as suspected fake profiles: left out, and counted as quarantined. */
  quarantined?: ReadonlySet<string>;
}

const PAGE = 50_000;

export async function loadTrainingSnapshot(
  store: Store,
  options: SnapshotOptions,
): Promise<TrainingSnapshot> {
  const { asOf } = options;
  const ledger = new ConsentRepository(store.db);
  const ledgerSeq = asOf?.ledgerSeq ?? (await ledger.latestSeq());
  const consented = await ledger.grantedSubjects(TRAINING_PURPOSE, ledgerSeq);

  const items = await store.db.selectFrom('items').select(['key', 'id']).orderBy('key').execute();
  const itemIds = asOf ? [...asOf.itemIds] : items.map((row) => row.id);
  const positionOfId = new Map(itemIds.map((id, index) => [id, index]));
  const itemPosition = new Map<number, number>();
  for (const row of items) {
    const position = positionOfId.get(row.id);
    if (position !== undefined) itemPosition.set(row.key, position);
  }
  const subjects = await store.db.selectFrom('subjects').select(['key', 'id']).execute();
  const pseudonymOf = new Map<number, string>();
  const excludedKeys = new Set<number>();
  const quarantinedKeys = new Set<number>();
  for (const row of subjects) {
    if (!consented.has(row.id) || options.exclude?.has(row.id)) excludedKeys.add(row.key);
    else if (options.quarantined?.has(row.id)) quarantinedKeys.add(row.key);
    else pseudonymOf.set(row.key, options.pseudonymizer.of(row.id));
  }

  const pairs = new Map<number, Map<number, number>>();
  const excludedWithEvents = new Set<number>();
  const quarantinedWithEvents = new Set<number>();
  const hash = createHash('sha256');
  let events = 0;
  let excludedEvents = 0;
  let maxSeq = 0;
  let lastEventAt: string | null = null;
  for await (const page of new InteractionRepository(store.db, store.dialect).scan(PAGE)) {
    for (const event of page) {
      if (asOf && event.seq > asOf.maxSeq) continue;
      maxSeq = Math.max(maxSeq, event.seq);
      const item = itemPosition.get(event.item_key);
      if (item === undefined) continue;
      const pseudonym = pseudonymOf.get(event.subject_key);
      if (pseudonym === undefined && quarantinedKeys.has(event.subject_key)) {
        quarantinedWithEvents.add(event.subject_key);
        continue;
      }
      if (pseudonym === undefined) {
        excludedEvents += 1;
        excludedWithEvents.add(event.subject_key);
        continue;
      }
      hash.update(
        `${pseudonym}\t${itemIds[item]}\t${event.kind}\t${event.value ?? ''}\t${event.occurred_at}\n`,
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
  if (asOf) maxSeq = asOf.maxSeq;

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
    viewers: subjectKeys.map((key) => pseudonymOf.get(key) as string),
    itemIds,
    events,
    hash: hash.digest('hex'),
    lastEventAt,
    maxSeq,
    consent: {
      purpose: TRAINING_PURPOSE,
      ledgerSeq,
      includedViewers: subjectKeys.length,
      excludedViewers: excludedWithEvents.size,
      excludedEvents,
    },
    quarantinedViewers: quarantinedWithEvents.size,
  };
}

/**
 * One subject's row as a model trained on a snapshot saw it: their distinct items (in the snapshot's item
 * indexing, ascending) with event counts, or null when the snapshot left them out (no consent then).
 */
export async function trainingRowOf(
  store: Store,
  subjectId: string,
  snapshot: { maxSeq: number; ledgerSeq: number; itemIds: readonly string[] },
): Promise<{ items: Int32Array; weights: Float32Array } | null> {
  const ledger = new ConsentRepository(store.db);
  if (!(await ledger.grantedAsOf(subjectId, TRAINING_PURPOSE, snapshot.ledgerSeq))) return null;
  const rows = await store.db
    .selectFrom('interactions')
    .innerJoin('subjects', 'subjects.key', 'interactions.subject_key')
    .innerJoin('items', 'items.key', 'interactions.item_key')
    .select(['items.id as itemId'])
    .where('subjects.id', '=', subjectId)
    .where('interactions.seq', '<=', snapshot.maxSeq)
    .execute();
  const position = new Map(snapshot.itemIds.map((id, index) => [id, index]));
  const counts = new Map<number, number>();
  for (const row of rows) {
    const item = position.get(row.itemId);
    if (item !== undefined) counts.set(item, (counts.get(item) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  return {
    items: Int32Array.from(sorted, ([item]) => item),
    weights: Float32Array.from(sorted, ([, count]) => count),
  };
}
