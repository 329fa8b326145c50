import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Random bytes for 256 ids, refilled when used up. */
const pool = new Uint8Array(4096);
let poolAt = pool.length;
/** The last id's millisecond and sequence, so ids made in one millisecond still sort in creation order. */
const last = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

/**
 * Time-ordered UUIDv7: sortable by creation and index-friendly. The random bytes come from a pool
 * filled by the CSPRNG 4 KB at a time: the uuid package asks WebCrypto for 16 bytes per id, which cost
 * ~10 µs per served list (a decision record id each). The monotonic sequence within a millisecond is
 * kept as the package keeps it when it draws its own bytes.
 */
export function newId(): string {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const random = pool.subarray(poolAt, (poolAt += 16));
  const now = Date.now();
  if (now > last.msecs) {
    last.msecs = now;
    // A random 31-bit start, as the package draws it (bytes 6 to 9).
    last.seq =
      (((random[6] as number) & 0x7f) << 24) |
      ((random[7] as number) << 16) |
      ((random[8] as number) << 8) |
      (random[9] as number);
  } else {
    last.seq = (last.seq + 1) | 0;
    if (last.seq === 0) last.msecs += 1;
  }
  return uuidv7({ random, msecs: last.msecs, seq: last.seq });
}

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
