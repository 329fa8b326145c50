import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/schema.js';

/** One item shown in one served list: the day it was served, the item and its rank. */
export interface ServedSlot {
  day: string;
  itemId: string;
  rank: number;
}

const PAGE = 2_000;
const storedItems = z.array(z.looseObject({ itemId: z.string(), rank: z.number().int().positive() }));

/**
 * The slots of every list served in [from, to], read from the decision records page by page (by time,
 * then id). Only the items and ranks are read: the subject pseudonym never leaves the database.
 */
export async function* servedSlots(
  db: Kysely<Database>,
  from: string,
  to: string,
): AsyncGenerator<ServedSlot[]> {
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom('decision_records')
      .select(['id', 'created_at', 'items'])
      .where('created_at', '>=', from)
      .where('created_at', '<=', to);
    if (after) {
      const { createdAt, id } = after;
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '>', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)]),
        ]),
      );
    }
    const rows = await query.orderBy('created_at').orderBy('id').limit(PAGE).execute();
    if (rows.length === 0) return;
    yield rows.flatMap((row) =>
      storedItems.parse(JSON.parse(row.items)).map((item) => ({
        day: row.created_at.slice(0, 10),
        itemId: item.itemId,
        rank: item.rank,
      })),
    );
    const last = rows[rows.length - 1] as (typeof rows)[number];
    after = { createdAt: last.created_at, id: last.id };
  }
}
