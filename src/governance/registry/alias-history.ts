import type { Kysely } from 'kysely';
import { readAliases, setAlias } from '../../models/model-artifact.js';
import { type Clock, newId, systemClock } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';

/** The names the registry gives versions. */
export const MODEL_ALIASES = ['candidate', 'production'] as const;
export type ModelAlias = (typeof MODEL_ALIASES)[number];

/**
 * How an alias came to move: `set` by an operator or a training run, `bootstrap` for the first
 * production model of an empty registry, `promote` through the gate, `rollback` to the version before,
 * `unlearn` when an erasure replaced the version with one that forgot a viewer.
 */
export const ALIAS_ACTIONS = ['set', 'bootstrap', 'promote', 'rollback', 'unlearn'] as const;
export type AliasAction = (typeof ALIAS_ACTIONS)[number];

export interface AliasMove {
  /** candidate or production (an erasure also moves any other name an older data folder has). */
  alias: ModelAlias | (string & {});
  modelId: string;
  action: AliasAction;
  actor: string;
  reason?: string | null | undefined;
  gateId?: string | null | undefined;
}

export interface AliasEvent {
  id: string;
  alias: string;
  modelId: string | null;
  previousId: string | null;
  action: string;
  gateId: string | null;
  actor: string;
  reason: string | null;
  at: string;
}

/**
 * Points an alias at a version and records the move, together: the event is written in the same
 * transaction as the alias file is replaced, so a move that fails leaves neither (the history never
 * claims a move that did not happen, and no move goes unrecorded). Every alias move goes through here.
 */
export async function moveAlias(
  db: Kysely<Database>,
  dataDir: string,
  move: AliasMove,
  clock: Clock = systemClock,
): Promise<AliasEvent> {
  return db.transaction().execute(async (trx) => {
    const event: AliasEvent = {
      id: newId(),
      alias: move.alias,
      modelId: move.modelId,
      previousId: readAliases(dataDir)[move.alias] ?? null,
      action: move.action,
      gateId: move.gateId ?? null,
      actor: move.actor,
      reason: move.reason ?? null,
      at: clock().toISOString(),
    };
    await trx
      .insertInto('model_alias_events')
      .values({
        id: event.id,
        alias: event.alias,
        model_id: event.modelId,
        previous_id: event.previousId,
        action: event.action,
        gate_id: event.gateId,
        actor: event.actor,
        reason: event.reason,
        at: event.at,
      })
      .execute();
    setAlias(dataDir, move.alias, move.modelId);
    return event;
  });
}

/** Alias moves, newest first unless asked otherwise (optionally of one alias, optionally the last few). */
export async function aliasHistory(
  db: Kysely<Database>,
  options: { alias?: string | undefined; limit?: number | undefined; oldestFirst?: boolean } = {},
): Promise<AliasEvent[]> {
  const order = options.oldestFirst ? 'asc' : 'desc';
  let query = db.selectFrom('model_alias_events').selectAll();
  if (options.alias) query = query.where('alias', '=', options.alias);
  query = query.orderBy('at', order).orderBy('id', order);
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    alias: row.alias,
    modelId: row.model_id,
    previousId: row.previous_id,
    action: row.action,
    gateId: row.gate_id,
    actor: row.actor,
    reason: row.reason,
    at: row.at,
  }));
}

/**
 * The version a rollback returns production to. Production's history is replayed as a stack: a
 * promotion (or set, or bootstrap) pushes a version, a rollback pops one, an unlearning replaces the top
 * (the forgetful copy stands for the version it replaced). Rolling back twice therefore walks two steps
 * back rather than swinging between two versions. A production the history does not know (moved before
 * the registry kept one) counts as pushed last. Null when nothing came before the current version.
 */
export function rollbackTarget(oldestFirst: readonly AliasEvent[], current: string | null): string | null {
  const stack: string[] = [];
  const top = () => stack[stack.length - 1];
  for (const event of oldestFirst) {
    if (event.alias !== 'production' || event.modelId === null) continue;
    if (event.action === 'rollback') stack.pop();
    else if (event.action === 'unlearn' && top() === event.previousId) stack.pop();
    if (top() !== event.modelId) stack.push(event.modelId);
  }
  if (current !== null && top() !== current) stack.push(current);
  return stack.length >= 2 ? (stack[stack.length - 2] as string) : null;
}
