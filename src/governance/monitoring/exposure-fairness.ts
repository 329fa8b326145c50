import type { CreatorGroup } from '../../evaluate/audit/audit-dataset.js';
import { discount } from '../../evaluate/metrics/ndcg.js';
import type { FairnessReport } from './drift-report.js';
import type { ServedSlot } from './served-slots.js';

const GROUP = 'underrepresented' as const satisfies CreatorGroup;

/**
 * Exposure of under-represented creators in the lists served, day by day: each slot weighs
 * 1 / log2(1 + rank), as in the exposure audit, and the group's share of that weight is set against its
 * share of the catalog. A ratio under the policy's minimum over the window raises a fairness alert; the
 * daily figures show the trend.
 */
export class ExposureTally {
  private readonly days = new Map<string, { slots: number; weight: number; group: number }>();

  add(slot: ServedSlot, group: CreatorGroup): void {
    const day = this.days.get(slot.day) ?? { slots: 0, weight: 0, group: 0 };
    const weight = discount(slot.rank);
    day.slots += 1;
    day.weight += weight;
    if (group === GROUP) day.group += weight;
    this.days.set(slot.day, day);
  }

  report(options: { catalogShare: number; threshold: number; minSlots: number }): FairnessReport {
    const { catalogShare, threshold, minSlots } = options;
    const daily = [...this.days]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, t]) => {
        const exposureShare = t.weight > 0 ? t.group / t.weight : 0;
        return {
          day,
          slots: t.slots,
          exposureShare,
          ratio: catalogShare > 0 ? exposureShare / catalogShare : null,
        };
      });
    let slots = 0;
    let weight = 0;
    let group = 0;
    for (const t of this.days.values()) {
      slots += t.slots;
      weight += t.weight;
      group += t.group;
    }
    const base = { group: GROUP, threshold, slots, daily };
    const notJudged = (status: 'too-small' | 'skipped', reason: string): FairnessReport => ({
      ...base,
      status,
      reason,
      catalogShare,
      exposureShare: weight > 0 ? group / weight : null,
      ratio: null,
    });
    if (catalogShare === 0) return notJudged('skipped', 'no catalog item has an under-represented creator');
    if (slots === 0) return notJudged('skipped', 'no lists were served in the window');
    if (slots < minSlots) {
      return notJudged('too-small', `${slots} served slots, fewer than the policy's minimum of ${minSlots}`);
    }
    const exposureShare = group / weight;
    const ratio = exposureShare / catalogShare;
    return {
      ...base,
      status: ratio < threshold ? 'alert' : 'ok',
      reason: null,
      catalogShare,
      exposureShare,
      ratio,
    };
  }
}
