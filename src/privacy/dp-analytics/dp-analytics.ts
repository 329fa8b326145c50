import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/schema.js';
import { type CreatorGroup, creatorGroupOfFlags } from '../../evaluate/audit/audit-dataset.js';
import type { ConsentRepository } from '../consent/consent-repository.js';
import {
  dpGroupedSum,
  dpHistogram,
  type DpHistogram,
  type HistogramRecord,
  privacyCost,
  type PrivacyBudgetLedger,
  type RandomSource,
  type ValueRecord,
} from '../dp/index.js';
import type { Pseudonymizer } from '../pseudonymizer.js';

/**
 * The differentially private questions analysts may ask. Each reads only viewers whose current
 * `analytics` consent is granted, keys them by pseudonym, bounds what one viewer contributes, and charges
 * the analyst's budget on its dataset before computing anything.
 */
export const DP_QUERIES = {
  viewers_per_genre: {
    dataset: 'viewing',
    describe: 'distinct viewers who watched at least one item of each genre',
    // Every genre: viewers watch many, and dropping genres biases counts more than the noise it saves
    // (ML-100K at ε = 1: 67% relative error with 5 genres per viewer, 2.7% with all 18).
    defaultMaxKeys: 'domain',
  },
  item_popularity: {
    dataset: 'viewing',
    describe: 'distinct viewers per item, the most popular first',
    defaultMaxKeys: 20 as number | 'domain',
  },
  exposure_by_creator_group: {
    dataset: 'served_lists',
    describe: 'recommendation slots served per creator group (underrepresented, other, unknown)',
    defaultMaxKeys: 3,
  },
} as const;
export type DpQueryName = keyof typeof DP_QUERIES;

/** Most slots one viewer's exposure counts for per creator group: a viewer served more is clamped. */
const DEFAULT_EXPOSURE_UPPER = 200;
const CREATOR_GROUPS: readonly CreatorGroup[] = ['underrepresented', 'other', 'unknown'];

export const dpQueryRequestSchema = z
  .strictObject({
    query: z.enum(Object.keys(DP_QUERIES) as [DpQueryName, ...DpQueryName[]]),
    epsilon: z.number().min(0.01).max(10).describe('privacy cost ε of this release'),
    mechanism: z.enum(['laplace', 'gaussian']).default('laplace'),
    delta: z.number().gt(0).max(1e-3).optional().describe('δ, required with the gaussian mechanism'),
    maxKeys: z.number().int().min(1).max(200).optional().describe('most keys one viewer contributes to'),
    upper: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .describe('exposure only: most slots one viewer counts for per group'),
    top: z.number().int().min(1).max(500).default(20).describe('item_popularity only: how many items'),
  })
  .superRefine((request, context) => {
    if (request.mechanism === 'gaussian' && request.delta === undefined)
      context.addIssue({ code: 'custom', path: ['delta'], message: 'the gaussian mechanism needs a delta' });
  });
export type DpQueryRequest = z.output<typeof dpQueryRequestSchema>;

export interface DpQueryResult {
  query: DpQueryName;
  description: string;
  dataset: string;
  population: string;
  mechanism: 'laplace' | 'gaussian';
  cost: { epsilon: number; delta: number };
  contributionBounds: { maxKeys: number; lower?: number; upper?: number };
  /** Noise parameter and spread, the same for every bin. */
  noise: { parameter: string; standardDeviation: number; errorBound95: number };
  bins: { key: string; label: string; value: number; errorBound95: number }[];
  budget: { remaining: { epsilon: number; delta: number }; limit: { epsilon: number; delta: number } };
}

export interface DpAnalyticsDeps {
  db: Kysely<Database>;
  consents: ConsentRepository;
  pseudonymizer: Pseudonymizer;
  ledger: PrivacyBudgetLedger;
  random?: RandomSource;
}

/** The viewers analytics may read now: latest `analytics` event a grant. */
async function consentingSubjects(deps: DpAnalyticsDeps): Promise<Map<number, string>> {
  const granted = await deps.consents.grantedSubjects('analytics');
  const rows = await deps.db.selectFrom('subjects').select(['key', 'id']).execute();
  const pseudonymOf = new Map<number, string>();
  for (const row of rows) if (granted.has(row.id)) pseudonymOf.set(row.key, deps.pseudonymizer.of(row.id));
  return pseudonymOf;
}

async function viewedItems(deps: DpAnalyticsDeps): Promise<{ subject: string; itemKey: number }[]> {
  const population = await consentingSubjects(deps);
  const pairs = await deps.db
    .selectFrom('interactions')
    .select(['subject_key', 'item_key'])
    .distinct()
    .execute();
  const out: { subject: string; itemKey: number }[] = [];
  for (const pair of pairs) {
    const subject = population.get(pair.subject_key);
    if (subject !== undefined) out.push({ subject, itemKey: pair.item_key });
  }
  return out;
}

async function viewersPerGenre(deps: DpAnalyticsDeps, request: DpQueryRequest, asked: number | 'domain') {
  const genres = await deps.db.selectFrom('genres').select(['id', 'name']).orderBy('id').execute();
  const maxKeys = asked === 'domain' ? Math.max(1, Math.min(genres.length, 200)) : asked;
  const links = await deps.db
    .selectFrom('item_genres')
    .innerJoin('items', 'items.id', 'item_genres.item_id')
    .select(['items.key as itemKey', 'item_genres.genre_id as genre'])
    .execute();
  const genresOf = new Map<number, string[]>();
  for (const link of links) genresOf.set(link.itemKey, [...(genresOf.get(link.itemKey) ?? []), link.genre]);
  const keysOf = new Map<string, Set<string>>();
  for (const { subject, itemKey } of await viewedItems(deps)) {
    const set = keysOf.get(subject) ?? new Set<string>();
    for (const genre of genresOf.get(itemKey) ?? []) set.add(genre);
    keysOf.set(subject, set);
  }
  const records: HistogramRecord[] = [...keysOf].map(([subject, keys]) => ({ subject, keys: [...keys] }));
  const histogram = dpHistogram(records, {
    ...privacyOf(request),
    domain: genres.map((g) => g.id),
    maxKeys,
    random: deps.random,
  });
  const label = new Map(genres.map((g) => [g.id, g.name]));
  return { histogram, label: (key: string) => label.get(key) ?? key, maxKeys };
}

async function itemPopularity(deps: DpAnalyticsDeps, request: DpQueryRequest, maxKeys: number) {
  const items = await deps.db.selectFrom('items').select(['key', 'id', 'title']).orderBy('id').execute();
  const idOf = new Map(items.map((item) => [item.key, item.id]));
  const records: HistogramRecord[] = [];
  for (const { subject, itemKey } of await viewedItems(deps)) {
    const id = idOf.get(itemKey);
    if (id !== undefined) records.push({ subject, key: id });
  }
  const histogram = dpHistogram(records, {
    ...privacyOf(request),
    domain: items.map((item) => item.id),
    maxKeys,
    random: deps.random,
  });
  // Choosing the top items from noisy counts is post-processing: it costs no extra privacy.
  histogram.bins = histogram.bins.sort((a, b) => b.value - a.value).slice(0, request.top);
  const title = new Map(items.map((item) => [item.id, item.title]));
  return { histogram, label: (key: string) => title.get(key) ?? key, maxKeys };
}

async function exposureByCreatorGroup(
  deps: DpAnalyticsDeps,
  request: DpQueryRequest,
  maxKeys: number,
  upper: number,
) {
  const population = new Set((await consentingSubjects(deps)).values());
  const creators = await deps.db.selectFrom('creators').select(['id', 'underrepresented']).execute();
  const declared = new Map(
    creators.map((c) => [c.id, c.underrepresented === null ? null : c.underrepresented === 1]),
  );
  const credits = await deps.db.selectFrom('item_creators').select(['item_id', 'creator_id']).execute();
  const flagsOf = new Map<string, (boolean | null)[]>();
  for (const credit of credits) {
    const flags = flagsOf.get(credit.item_id) ?? [];
    flags.push(declared.get(credit.creator_id) ?? null);
    flagsOf.set(credit.item_id, flags);
  }
  // The exposure audit's rule, so the private figures and the audit count the same groups.
  const groupOf = (itemId: string): CreatorGroup => creatorGroupOfFlags(flagsOf.get(itemId) ?? []);
  const records: ValueRecord[] = [];
  const served = await deps.db.selectFrom('decision_records').select(['subject', 'items']).execute();
  for (const record of served) {
    if (!population.has(record.subject)) continue;
    for (const item of JSON.parse(record.items) as { itemId: string }[]) {
      records.push({ subject: record.subject, key: groupOf(item.itemId), value: 1 });
    }
  }
  const histogram = dpGroupedSum(records, {
    ...privacyOf(request),
    domain: [...CREATOR_GROUPS],
    maxKeys,
    lower: 0,
    upper,
    random: deps.random,
  });
  return { histogram, label: (key: string) => key, maxKeys };
}

const privacyOf = (request: DpQueryRequest) => ({
  mechanism: request.mechanism,
  epsilon: request.epsilon,
  delta: request.delta,
});

/**
 * Charges the analyst's budget, then computes the release. A refused charge throws
 * `PrivacyBudgetExceededError` before any data is read, so a refused query reveals nothing.
 */
export async function runDpQuery(
  deps: DpAnalyticsDeps,
  analyst: string,
  request: DpQueryRequest,
): Promise<DpQueryResult> {
  const spec = DP_QUERIES[request.query];
  const asked: number | 'domain' = request.maxKeys ?? spec.defaultMaxKeys;
  const bounded =
    asked === 'domain' ? asked : Math.min(asked, request.query === 'exposure_by_creator_group' ? 3 : 200);
  const upper = request.upper ?? DEFAULT_EXPOSURE_UPPER;
  const cost = privacyCost(privacyOf(request));
  const receipt = await deps.ledger.spend({
    dataset: spec.dataset,
    analyst,
    ...cost,
    query: `${request.query} ${request.mechanism} maxKeys=${bounded}`,
  });
  const { histogram, label, maxKeys } =
    request.query === 'viewers_per_genre'
      ? await viewersPerGenre(deps, request, bounded)
      : request.query === 'item_popularity'
        ? await itemPopularity(deps, request, bounded === 'domain' ? 200 : bounded)
        : await exposureByCreatorGroup(deps, request, bounded === 'domain' ? 3 : bounded, upper);
  return resultOf(request, spec, histogram, label, receipt, {
    maxKeys,
    ...(request.query === 'exposure_by_creator_group' ? { lower: 0, upper } : {}),
  });
}

function resultOf(
  request: DpQueryRequest,
  spec: (typeof DP_QUERIES)[DpQueryName],
  histogram: DpHistogram,
  label: (key: string) => string,
  receipt: Awaited<ReturnType<PrivacyBudgetLedger['spend']>>,
  contributionBounds: DpQueryResult['contributionBounds'],
): DpQueryResult {
  return {
    query: request.query,
    description: spec.describe,
    dataset: spec.dataset,
    population: 'viewers whose analytics consent is granted now, keyed by pseudonym',
    mechanism: histogram.mechanism,
    cost: histogram.cost,
    contributionBounds,
    noise: {
      parameter: histogram.parameter,
      standardDeviation: histogram.standardDeviation,
      errorBound95: histogram.errorBound95,
    },
    // Rounded and floored at 0: post-processing, no privacy cost, at the price of a small upward bias.
    bins: histogram.bins.map((bin) => ({
      key: bin.key,
      label: label(bin.key),
      value: Math.max(0, Math.round(bin.value)),
      errorBound95: histogram.errorBound95,
    })),
    budget: { remaining: receipt.remaining, limit: receipt.limit },
  };
}
