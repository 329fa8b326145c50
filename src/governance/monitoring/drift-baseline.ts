import type { Kysely } from 'kysely';
import type { ModelManifest } from '../../models/model-artifact.js';
import { TRAINING_PURPOSE } from '../../models/training-snapshot.js';
import { ConsentRepository } from '../../privacy/consent/consent-repository.js';
import type { Database } from '../../store/schema.js';

/** An interaction as the drift scan sees it. */
export interface ScannedEvent {
  seq: number;
  subjectKey: number;
  occurredAt: string;
}

/**
 * Which stored events stand for "what the model was trained on". The production model's snapshot is
 * re-read from the store: the events up to its sequence number (or, for older manifests, up to its last
 * event time) of the viewers who had granted training consent at the ledger position it recorded. When
 * there is no such snapshot (no production model, or one trained on a dataset folder) the baseline is
 * every event before the window, and the report says so.
 */
export interface DriftBaseline {
  kind: 'training-snapshot' | 'before-window';
  description: string;
  modelId: string | null;
  /**
   * Where baseline activity is cut into window-long slices, counting back from here (the snapshot's last
   * event, or the window's start), so "events per active viewer" means the same on both sides.
   */
  activityEnd: string;
  includes(event: ScannedEvent): boolean;
}

export async function driftBaselineFor(
  db: Kysely<Database>,
  production: ModelManifest | undefined,
  windowFrom: string,
): Promise<DriftBaseline> {
  const beforeWindow = (why: string, modelId: string | null): DriftBaseline => ({
    kind: 'before-window',
    description: `${why}: the baseline is every event before the window`,
    modelId,
    activityEnd: windowFrom,
    includes: (event) => event.occurredAt < windowFrom,
  });
  if (!production) return beforeWindow('no production model', null);
  const data = production.data;
  if (data.itemIdSpace !== 'candor') {
    return beforeWindow('the production model was trained on a dataset folder, not the store', production.id);
  }
  const { maxSeq, lastEventAt } = data;
  if (maxSeq === undefined && lastEventAt === null) {
    return beforeWindow('the production model records no snapshot position', production.id);
  }

  let consented: ((subjectKey: number) => boolean) | undefined;
  if (data.consent) {
    const granted = await new ConsentRepository(db).grantedSubjects(
      data.consent.purpose || TRAINING_PURPOSE,
      data.consent.ledgerSeq,
    );
    const keys = new Set<number>();
    for (const row of await db.selectFrom('subjects').select(['key', 'id']).execute()) {
      if (granted.has(row.id)) keys.add(Number(row.key));
    }
    consented = (subjectKey) => keys.has(subjectKey);
  }
  const inSnapshot =
    maxSeq !== undefined
      ? (event: ScannedEvent) => event.seq <= maxSeq
      : (event: ScannedEvent) => event.occurredAt <= (lastEventAt as string);
  return {
    kind: 'training-snapshot',
    description:
      maxSeq !== undefined
        ? `the events model ${production.id} was trained on (sequence numbers up to ${maxSeq}${data.consent ? ', viewers with training consent at the time' : ''})`
        : `the events up to ${lastEventAt} (the last event model ${production.id} was trained on)`,
    modelId: production.id,
    activityEnd: lastEventAt ?? windowFrom,
    includes: consented
      ? (event) => inSnapshot(event) && (consented as (key: number) => boolean)(event.subjectKey)
      : inSnapshot,
  };
}
