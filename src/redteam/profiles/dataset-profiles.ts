import type { DatasetEvents } from '../../models/dataset-events.js';
import { type ProfileMatrix, profileMatrixOf } from './profile-matrix.js';

/** The profiles of a dataset read from its files: one row per viewer, ratings where the source has them. */
export function profilesOfDataset(events: DatasetEvents): ProfileMatrix {
  return profileMatrixOf(events.userIds.length, events.itemIds.length, {
    users: events.users,
    items: events.items,
    times: events.times,
    ...(events.ratings ? { values: events.ratings } : {}),
  });
}
