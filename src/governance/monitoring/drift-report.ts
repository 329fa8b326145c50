import { z } from 'zod';

/**
 * The shape of a drift report and of an alert: what a run returns, what `drift_reports` and `alerts` hold
 * (parsed back through these schemas), and what the API answers. Aggregates only: bins, shares and
 * counts, never a subject, a pseudonym or an item list of one viewer.
 */

export const DISTRIBUTIONS = ['genre_mix', 'popularity', 'activity', 'served_genre_mix'] as const;
export type DistributionName = (typeof DISTRIBUTIONS)[number];

export const ALERT_KINDS = ['drift', 'fairness'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_DELIVERIES = ['pending', 'delivered', 'failed', 'not-configured'] as const;
export type AlertDelivery = (typeof ALERT_DELIVERIES)[number];

export const binSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Share of the baseline in this bin (0..1). */
  baseline: z.number(),
  /** Share of the recent window in this bin (0..1). */
  recent: z.number(),
});

export const distributionReportSchema = z.object({
  name: z.enum(DISTRIBUTIONS),
  description: z.string(),
  /** ok: compared, under both thresholds; drift: at or over one; too-small / skipped: not compared. */
  status: z.enum(['ok', 'drift', 'too-small', 'skipped']),
  reason: z.string().nullable(),
  /** Events (or served slots) on each side. */
  baselineTotal: z.number(),
  recentTotal: z.number(),
  psi: z.number().nullable(),
  js: z.number().nullable(),
  bins: z.array(binSchema),
});
export type DistributionReport = z.infer<typeof distributionReportSchema>;

export const fairnessReportSchema = z.object({
  status: z.enum(['ok', 'alert', 'too-small', 'skipped']),
  reason: z.string().nullable(),
  group: z.literal('underrepresented'),
  /** The group's share of catalog items. */
  catalogShare: z.number().nullable(),
  /** The group's share of position-weighted exposure (1 / log2(1 + rank)) over the window. */
  exposureShare: z.number().nullable(),
  /** exposureShare / catalogShare; below the threshold raises a fairness alert. */
  ratio: z.number().nullable(),
  threshold: z.number(),
  slots: z.number(),
  daily: z.array(
    z.object({ day: z.string(), slots: z.number(), exposureShare: z.number(), ratio: z.number().nullable() }),
  ),
});
export type FairnessReport = z.infer<typeof fairnessReportSchema>;

export const alertSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(['warning', 'critical']),
  /** What was measured, e.g. `genre_mix.psi` or `exposure_ratio.underrepresented`. */
  metric: z.string(),
  value: z.number(),
  threshold: z.number(),
  detail: z.record(z.string(), z.unknown()),
  /** The drift report that raised it. */
  sourceId: z.string().nullable(),
  createdAt: z.string(),
  delivery: z.enum(ALERT_DELIVERIES),
  deliveredAt: z.string().nullable(),
  deliveryError: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const baselineSchema = z.object({
  /**
   * training-snapshot: the events the production model was trained on (by sequence number, or time);
   * before-window: no usable snapshot, so every event before the window.
   */
  kind: z.enum(['training-snapshot', 'before-window']),
  description: z.string(),
  modelId: z.string().nullable(),
  events: z.number(),
  /** Latest event time in the baseline, or null when it is empty. */
  until: z.string().nullable(),
});

export const driftReportSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  /** Who ran it: `system:monitoring` for the schedule, else the API or CLI actor. */
  ranBy: z.string(),
  window: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  baseline: baselineSchema,
  thresholds: z.object({ psiAlert: z.number(), jsAlert: z.number(), minEvents: z.number() }),
  recentEvents: z.number(),
  distributions: z.array(distributionReportSchema),
  fairness: fairnessReportSchema,
  /** Ids of the alerts the run raised. */
  alertIds: z.array(z.string()),
});
export type DriftReport = z.infer<typeof driftReportSchema>;
