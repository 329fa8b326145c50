import type { Kysely } from 'kysely';
import type { SafetyGateway } from '../../safety/gateway/safety-gateway.js';
import type { Database } from '../../store/schema.js';

export interface UnsafeItem {
  itemId: string;
  /** A curator's queue holds it (pending or rejected), or the outgoing inspection would hold it now. */
  heldBy: 'curation' | 'inspection';
  /** What was found (`kind:type`), never the text. */
  reasons: string[];
}

export interface CatalogSafety {
  inspected: number;
  unsafe: UnsafeItem[];
}

/** Items looked up per query (bounded IN lists). */
const CHUNK = 500;

/**
 * How safe the slice of the catalog a version exposes is: of the given items, those a curator's queue
 * holds back (pending or rejected) and those whose title or synopsis the outgoing inspection would hold
 * (block). Nothing is queued or audited here: the gate measures, it does not curate.
 */
export async function inspectCatalogSlice(
  db: Kysely<Database>,
  gateway: SafetyGateway,
  itemIds: readonly string[],
): Promise<CatalogSafety> {
  const unsafe: UnsafeItem[] = [];
  for (let start = 0; start < itemIds.length; start += CHUNK) {
    const chunk = itemIds.slice(start, start + CHUNK);
    const held = await db
      .selectFrom('safety_queue')
      .select(['target_id', 'reasons'])
      .where('target_kind', '=', 'item')
      .where('status', '!=', 'approved')
      .where('target_id', 'in', chunk)
      .execute();
    const heldIds = new Set(held.map((row) => row.target_id));
    for (const row of held) {
      const reasons = (JSON.parse(row.reasons) as { kind: string; type: string }[]).map(
        (reason) => `${reason.kind}:${reason.type}`,
      );
      unsafe.push({ itemId: row.target_id, heldBy: 'curation', reasons });
    }
    const texts = await db
      .selectFrom('items')
      .select(['id', 'title', 'synopsis'])
      .where('id', 'in', chunk)
      .execute();
    for (const item of texts) {
      if (heldIds.has(item.id)) continue;
      const reasons: string[] = [];
      for (const text of [item.title, item.synopsis]) {
        if (!text) continue;
        const decision = await gateway.inspect(text, 'outgoing', { audit: false });
        if (decision.action !== 'block' && decision.text !== null) continue;
        const found = decision.reasons.map((reason) => `${reason.kind}:${reason.type}`);
        reasons.push(...(found.length > 0 ? found : ['outgoing:block']));
      }
      if (reasons.length > 0) unsafe.push({ itemId: item.id, heldBy: 'inspection', reasons });
    }
  }
  // In the order the items were given (most exposed first).
  const order = new Map(itemIds.map((id, index) => [id, index]));
  unsafe.sort((a, b) => (order.get(a.itemId) as number) - (order.get(b.itemId) as number));
  return { inspected: itemIds.length, unsafe };
}
