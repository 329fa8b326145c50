import type { Store } from '../../store/open-store.js';
import { InteractionRepository } from '../../store/repositories/interaction-repository.js';
import type { DriftBaseline } from './drift-baseline.js';

const DAY_MS = 86_400_000;
const PAGE = 50_000;

/** One side of the comparison, as counts: events per item, and events per active viewer per window. */
export interface TrafficSide {
  events: number;
  byItem: Map<number, number>;
  /** One entry per (viewer, window-long slice) with events: how many. */
  activity: number[];
  /** Latest event time on this side, or null when it has none. */
  until: string | null;
}

export interface TrafficCounts {
  baseline: TrafficSide;
  recent: TrafficSide;
}

export interface TrafficWindow {
  from: string;
  to: string;
  days: number;
}

function tally(): { side: TrafficSide; perSlice: Map<string, number> } {
  return {
    side: { events: 0, byItem: new Map(), activity: [], until: null },
    perSlice: new Map(),
  };
}

/**
 * One pass over the interactions (in sequence pages, as training reads them) counting both sides. An
 * event can be on both: a window that overlaps the snapshot compares the model's data with itself there.
 * Only counts leave this function; subjects are internal keys used to count activity, then dropped.
 */
export async function scanTraffic(
  store: Store,
  baseline: DriftBaseline,
  window: TrafficWindow,
): Promise<TrafficCounts> {
  const sliceMs = window.days * DAY_MS;
  const activityEnd = Date.parse(baseline.activityEnd);
  const base = tally();
  const recent = tally();
  const count = (t: ReturnType<typeof tally>, itemKey: number, occurredAt: string, slice: string) => {
    t.side.events += 1;
    t.side.byItem.set(itemKey, (t.side.byItem.get(itemKey) ?? 0) + 1);
    t.perSlice.set(slice, (t.perSlice.get(slice) ?? 0) + 1);
    if (t.side.until === null || occurredAt > t.side.until) t.side.until = occurredAt;
  };
  for await (const page of new InteractionRepository(store.db, store.dialect).scan(PAGE)) {
    for (const row of page) {
      const event = {
        seq: Number(row.seq),
        subjectKey: Number(row.subject_key),
        occurredAt: row.occurred_at,
      };
      const itemKey = Number(row.item_key);
      if (baseline.includes(event)) {
        const slice = Math.max(0, Math.floor((activityEnd - Date.parse(event.occurredAt)) / sliceMs));
        count(base, itemKey, event.occurredAt, `${event.subjectKey}:${slice}`);
      }
      if (event.occurredAt >= window.from && event.occurredAt <= window.to) {
        count(recent, itemKey, event.occurredAt, String(event.subjectKey));
      }
    }
  }
  base.side.activity = [...base.perSlice.values()];
  recent.side.activity = [...recent.perSlice.values()];
  return { baseline: base.side, recent: recent.side };
}
