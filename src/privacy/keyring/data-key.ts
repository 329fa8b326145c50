import { randomBytes } from 'node:crypto';
import { open, seal } from './aead.js';
import type { MasterKey } from './master-key.js';

export const DATA_KEY_BYTES = 32;

export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/**
 * Binds a wrapped key to its subject and master key: copying a wrapped key onto another subject's row
 * (or relabelling its master key id) makes it fail to unwrap rather than decrypt someone else's data.
 */
function wrapAad(subjectId: string, master: MasterKey): string {
  if (subjectId.includes('\u0000')) throw new Error(`subject id ${JSON.stringify(subjectId)} contains NUL`);
  return `candor-data-key\u0000${subjectId}\u0000${master.id}`;
}

/** The data key sealed under the master key, as base64url text for the `subject_keys` table. */
export function wrapDataKey(dataKey: Buffer, master: MasterKey, subjectId: string): string {
  if (dataKey.length !== DATA_KEY_BYTES) {
    throw new Error(`a data key must be ${DATA_KEY_BYTES} bytes (got ${dataKey.length})`);
  }
  return seal(master.key, dataKey, wrapAad(subjectId, master)).toString('base64url');
}

export function unwrapDataKey(wrapped: string, master: MasterKey, subjectId: string): Buffer {
  let dataKey: Buffer;
  try {
    dataKey = open(master.key, Buffer.from(wrapped, 'base64url'), wrapAad(subjectId, master));
  } catch (error) {
    throw new Error(
      `cannot unwrap the data key of subject ${subjectId} with master key ${master.id}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (dataKey.length !== DATA_KEY_BYTES) {
    throw new Error(`unwrapped data key of subject ${subjectId} is ${dataKey.length} bytes`);
  }
  return dataKey;
}
