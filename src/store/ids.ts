import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDv7: sortable by creation and index-friendly. */
export function newId(): string {
  return uuidv7();
}

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
