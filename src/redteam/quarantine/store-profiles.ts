import type { Store } from '../../store/open-store.js';
import { InteractionRepository } from '../../store/repositories/interaction-repository.js';
import { type ProfileMatrix, profileMatrixOf } from '../profiles/profile-matrix.js';

/** Every subject with events as a profile row, with what a quarantine records about it. */
export interface StoreProfiles {
  profiles: ProfileMatrix;
  /** Subject id of each row. */
  subjectIds: string[];
  /** Latest interaction sequence number of each row: a release stands until it grows. */
  lastSeq: Float64Array;
}

const PAGE = 50_000;

/**
 * Reads the store's interactions as profiles for the detector. Every subject with events is scanned,
 * whatever their training consent: keeping fake accounts out is a security measure, and what it finds
 * only ever removes data from training. Values count as ratings for `rating` events only.
 */
export async function loadStoreProfiles(store: Store): Promise<StoreProfiles> {
  const subjects = await store.db.selectFrom('subjects').select(['key', 'id']).execute();
  const idOfKey = new Map(subjects.map((row) => [row.key, row.id]));
  const rowOfKey = new Map<number, number>();
  const itemOfKey = new Map<number, number>();
  const subjectIds: string[] = [];
  const lastSeq: number[] = [];
  const users: number[] = [];
  const items: number[] = [];
  const times: number[] = [];
  const values: number[] = [];
  for await (const page of new InteractionRepository(store.db, store.dialect).scan(PAGE)) {
    for (const event of page) {
      const id = idOfKey.get(event.subject_key);
      if (id === undefined) continue;
      let row = rowOfKey.get(event.subject_key);
      if (row === undefined) {
        row = subjectIds.length;
        rowOfKey.set(event.subject_key, row);
        subjectIds.push(id);
        lastSeq.push(0);
      }
      let item = itemOfKey.get(event.item_key);
      if (item === undefined) {
        item = itemOfKey.size;
        itemOfKey.set(event.item_key, item);
      }
      lastSeq[row] = Math.max(lastSeq[row] as number, event.seq);
      users.push(row);
      items.push(item);
      times.push(Date.parse(event.occurred_at));
      values.push(event.kind === 'rating' && event.value !== null ? event.value : Number.NaN);
    }
  }
  return {
    profiles: profileMatrixOf(subjectIds.length, itemOfKey.size, { users, items, times, values }),
    subjectIds,
    lastSeq: Float64Array.from(lastSeq),
  };
}
