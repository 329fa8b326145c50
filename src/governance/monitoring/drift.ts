import type { MonitoringPolicy } from '../../config/governance-policy.js';
import { popularityBuckets, type PopularityBucket } from '../../evaluate/audit/exposure-audit.js';
import type { ModelManifest } from '../../models/model-artifact.js';
import { newId } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import type { AuditSink } from '../audit/audit-entry.js';
import type { AlertSink } from './alerts.js';
import { driftAlert, fairnessAlert } from './drift-alerts.js';
import { readCatalogFacts } from './catalog-facts.js';
import { driftBaselineFor } from './drift-baseline.js';
import {
  activityMix,
  compareHistograms,
  type DriftThresholds,
  genreMix,
  popularityMix,
} from './drift-histograms.js';
import type { Alert, DistributionReport, DriftReport } from './drift-report.js';
import { ExposureTally } from './exposure-fairness.js';
import { servedSlots } from './served-slots.js';
import { scanTraffic } from './traffic-scan.js';

const DAY_MS = 86_400_000;

export interface DriftDeps {
  store: Store;
  /** The manifest of the model in production now, or undefined when there is none. */
  production: ModelManifest | undefined;
  /** The monitoring policy, read once by the caller for the whole run. */
  policy: MonitoringPolicy;
  alerts: AlertSink;
  audit: AuditSink;
}

export interface DriftRunOptions {
  now: Date;
  /** The recent window in days; the policy's when absent. */
  windowDays?: number | undefined;
  /** Who ran it, for the report and the audit log: `system:monitoring` for the schedule. */
  actor: string;
}

export interface DriftRun {
  report: DriftReport;
  /** The alerts raised, with their delivery outcome. */
  alerts: Alert[];
}

export const MONITORING_ACTOR = 'system:monitoring';

/**
 * Compares the recent window of traffic with the production model's training snapshot: the genre mix,
 * popularity buckets and activity of interactions, the genre mix of served lists, and the exposure of
 * under-represented creators in served lists. Stores the report with the alerts it raises in one
 * transaction, then announces each alert (log, audit, webhook). Reads aggregates only.
 */
export async function runDrift(deps: DriftDeps, options: DriftRunOptions): Promise<DriftRun> {
  const { store, policy } = deps;
  const days = options.windowDays ?? policy.drift.windowDays;
  const window = {
    from: new Date(options.now.getTime() - days * DAY_MS).toISOString(),
    to: options.now.toISOString(),
    days,
  };
  const thresholds: DriftThresholds = {
    psiAlert: policy.drift.psiAlert,
    jsAlert: policy.drift.jsAlert,
    minEvents: policy.drift.minEvents,
  };
  const facts = await readCatalogFacts(store.db);
  const baseline = await driftBaselineFor(store.db, deps.production, window.from);
  const traffic = await scanTraffic(store, baseline, window);

  const popularity = facts.itemKeys.map((key) => traffic.baseline.byItem.get(key) ?? 0);
  const bucketOf = new Map<number, PopularityBucket>();
  popularityBuckets(popularity).forEach((bucket, at) => bucketOf.set(facts.itemKeys[at] as number, bucket));

  const servedByItem = new Map<number, number>();
  const exposure = new ExposureTally();
  let slots = 0;
  for await (const page of servedSlots(store.db, window.from, window.to)) {
    for (const slot of page) {
      const key = facts.keyOfId.get(slot.itemId);
      // An item deleted from the catalog since: nothing to group it by.
      if (key === undefined) continue;
      slots += 1;
      servedByItem.set(key, (servedByItem.get(key) ?? 0) + 1);
      exposure.add(slot, facts.creatorGroupOfKey.get(key) ?? 'unknown');
    }
  }

  const genreLabel = (key: string) => facts.genreLabels.get(key) ?? key;
  const baselineGenres = genreMix(traffic.baseline.byItem, facts.genresOfKey);
  const events = {
    baselineTotal: traffic.baseline.events,
    recentTotal: traffic.recent.events,
    unit: 'events',
  };
  const distributions: DistributionReport[] = [
    compareHistograms(
      {
        name: 'genre_mix',
        description: 'share of interactions by genre (an item with n genres counts 1/n to each)',
        baseline: baselineGenres,
        recent: genreMix(traffic.recent.byItem, facts.genresOfKey),
        label: genreLabel,
        ...events,
      },
      thresholds,
    ),
    compareHistograms(
      {
        name: 'popularity',
        description:
          "share of interactions by their item's popularity bucket in the baseline (head, mid, tail)",
        baseline: popularityMix(traffic.baseline.byItem, bucketOf),
        recent: popularityMix(traffic.recent.byItem, bucketOf),
        ...events,
      },
      thresholds,
    ),
    compareHistograms(
      {
        name: 'activity',
        description: `active viewers by events per ${days}-day window (the baseline cut into ${days}-day slices)`,
        baseline: activityMix(traffic.baseline.activity),
        recent: activityMix(traffic.recent.activity),
        ...events,
      },
      thresholds,
    ),
    compareHistograms(
      {
        name: 'served_genre_mix',
        description: 'share of served recommendation slots by genre, against the genre mix of the baseline',
        baseline: baselineGenres,
        recent: genreMix(servedByItem, facts.genresOfKey),
        label: genreLabel,
        baselineTotal: traffic.baseline.events,
        recentTotal: slots,
        unit: 'served slots',
      },
      thresholds,
    ),
  ];
  const underrepresented = facts.itemKeys.filter(
    (key) => facts.creatorGroupOfKey.get(key) === 'underrepresented',
  );
  const fairness = exposure.report({
    catalogShare: facts.itemKeys.length > 0 ? underrepresented.length / facts.itemKeys.length : 0,
    threshold: policy.fairness.minExposureRatio,
    minSlots: thresholds.minEvents,
  });

  const id = newId();
  const alerts = [
    ...distributions.flatMap((d) => driftAlert(d, thresholds, days)),
    ...fairnessAlert(fairness, days),
  ].map((input) => deps.alerts.create({ ...input, sourceId: id }));
  const report: DriftReport = {
    id,
    createdAt: options.now.toISOString(),
    ranBy: options.actor,
    window,
    baseline: {
      kind: baseline.kind,
      description: baseline.description,
      modelId: baseline.modelId,
      events: traffic.baseline.events,
      until: traffic.baseline.until,
    },
    thresholds,
    recentEvents: traffic.recent.events,
    distributions,
    fairness,
    alertIds: alerts.map((alert) => alert.id),
  };
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('drift_reports')
      .values({
        id,
        model_id: deps.production?.id ?? null,
        report: JSON.stringify(report),
        alerts: alerts.length,
        created_at: report.createdAt,
      })
      .execute();
    await deps.alerts.store(alerts, trx);
  });
  await deps.audit.append({
    actor: options.actor,
    action: 'monitoring.drift',
    target: id,
    outcome: 'success',
    detail: {
      windowDays: days,
      baseline: baseline.kind,
      modelId: baseline.modelId,
      statuses: Object.fromEntries(distributions.map((d) => [d.name, d.status])),
      fairness: fairness.status,
      alerts: alerts.length,
    },
  });
  return { report, alerts: await deps.alerts.announce(alerts, options.actor) };
}
