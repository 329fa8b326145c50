import type { Kysely } from 'kysely';
import { type Clock, newId, systemClock } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';
import type { BlocklistSurface, BlocklistTerm } from './blocklist.js';
import { compileBlocklist } from './compile-blocklist.js';

export interface StoredBlocklistTerm {
  id: string;
  list: string;
  kind: 'plain' | 'regex';
  pattern: string;
  surfaces: BlocklistSurface[];
  caseSensitive: boolean;
  createdBy: string;
  createdAt: string;
}

const toTerm = (row: Database['blocklist_terms']): StoredBlocklistTerm => ({
  id: row.id,
  list: row.list,
  kind: row.kind as 'plain' | 'regex',
  pattern: row.pattern,
  surfaces: JSON.parse(row.surfaces) as BlocklistSurface[],
  caseSensitive: row.case_sensitive === 1,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

/** Curators' blocklists: named lists of plain or regex terms, each active on some surfaces. */
export class BlocklistRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async all(): Promise<StoredBlocklistTerm[]> {
    const rows = await this.db
      .selectFrom('blocklist_terms')
      .selectAll()
      .orderBy('list')
      .orderBy('created_at')
      .execute();
    return rows.map(toTerm);
  }

  async list(name: string): Promise<StoredBlocklistTerm[]> {
    return (await this.all()).filter((term) => term.list === name);
  }

  /**
   * Adds terms to a list after compiling them with everything already stored, so a term that cannot be
   * compiled (an unsafe regex) is refused with a `BlocklistError` and nothing is written.
   */
  async add(
    list: string,
    terms: readonly Omit<BlocklistTerm, 'id'>[],
    createdBy: string,
  ): Promise<StoredBlocklistTerm[]> {
    const now = this.clock().toISOString();
    const fresh = terms.map((term) => ({
      id: newId(),
      list,
      kind: term.kind,
      pattern: term.pattern,
      surfaces: JSON.stringify(term.surfaces),
      case_sensitive: term.caseSensitive ? 1 : 0,
      created_by: createdBy,
      created_at: now,
    }));
    compileBlocklist([
      ...(await this.all()).map(matcherTerm),
      ...fresh.map((row) => matcherTerm(toTerm(row))),
    ]);
    if (fresh.length > 0) await this.db.insertInto('blocklist_terms').values(fresh).execute();
    return fresh.map(toTerm);
  }

  async remove(list: string, termId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('blocklist_terms')
      .where('list', '=', list)
      .where('id', '=', termId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Changes whenever a term is added or removed: what caches compare to know they are stale. */
  async version(): Promise<string> {
    const row = await this.db
      .selectFrom('blocklist_terms')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('id').as('last')])
      .executeTakeFirst();
    return `${Number(row?.n ?? 0)}:${row?.last ?? ''}`;
  }
}

/** The matcher's term: the finding's type is `<list>/<term id>`, so a reason names the list. */
export const matcherTerm = (term: StoredBlocklistTerm): BlocklistTerm => ({
  id: `${term.list}/${term.id}`,
  kind: term.kind,
  pattern: term.pattern,
  surfaces: term.surfaces,
  caseSensitive: term.caseSensitive,
});
