import { DEFAULT_PROFILE_MAX_LEVEL, type ProfileKind, profileKindSchema } from '../catalog/viewer-profile.js';
import type { ItemHistory } from '../models/interaction-matrix.js';
import type { Repositories } from '../store/repositories/index.js';
import type { ConsentState } from './consent-state.js';
import { PipelineError } from './pipeline-error.js';
import type { ServingCatalog } from './serving-catalog.js';

/** What one request knows about its viewer. Built once per request, before the (synchronous) stages. */
export interface ViewerContext {
  /** Null for requests about no viewer (similar items on an item page). */
  readonly subjectId: string | null;
  readonly profileKind: ProfileKind | null;
  /** Highest audience level (see catalog/maturity.ts) the viewer may be shown. */
  readonly maxAudienceLevel: number;
  readonly consent: ConsentState;
  /** The viewer chose the feed that is not based on profiling. */
  readonly nonProfiling: boolean;
  /**
   * Catalog columns the viewer interacted with (ascending, distinct), weighted by event counts as in
   * training. Empty, and never read from the store, when the history may not be used: no
   * personalization consent, or the non-profiling feed.
   */
  readonly history: ItemHistory;
  /** Whether the history was read (false: it may not be used, see above). */
  readonly historyUsed: boolean;
  /** The catalog build the columns refer to. */
  readonly catalogSerial: number;
}

/** How many distinct items of a viewer's history are read, most recent first. */
export const DEFAULT_HISTORY_LIMIT = 1000;

/** The serving policy's audience limit per profile kind. */
export type MaturityLimits = Readonly<Record<ProfileKind, number>>;

/** A profile's audience limit; a policy may lower it, never raise it. */
export function maxAudienceLevelFor(profileKind: ProfileKind, policyLimits?: MaturityLimits): number {
  const level = DEFAULT_PROFILE_MAX_LEVEL[profileKind];
  return policyLimits === undefined ? level : Math.min(level, policyLimits[profileKind]);
}

/** Whether a viewer's history may be used to choose what they see. */
export const mayProfile = (consent: ConsentState, nonProfiling: boolean): boolean =>
  consent.personalization && !nonProfiling;

export interface ViewerContextInput {
  subjectId: string | null;
  profileKind: ProfileKind | null;
  consent: ConsentState;
  nonProfiling?: boolean;
  /** Defaults to the profile's limit (the strictest, kids, when there is no profile). */
  maxAudienceLevel?: number;
  /** Columns in any order, repeats allowed (their weights add up); ignored when profiling is not allowed. */
  history?: { columns: ArrayLike<number>; weights?: ArrayLike<number> };
}

/** A viewer context from known facts; history columns are sorted and merged. */
export function createViewerContext(input: ViewerContextInput, catalog: ServingCatalog): ViewerContext {
  const nonProfiling = input.nonProfiling ?? false;
  const historyUsed = mayProfile(input.consent, nonProfiling);
  return {
    subjectId: input.subjectId,
    profileKind: input.profileKind,
    maxAudienceLevel: input.maxAudienceLevel ?? maxAudienceLevelFor(input.profileKind ?? 'kids'),
    consent: input.consent,
    nonProfiling,
    history:
      historyUsed && input.history
        ? mergedHistory(input.history.columns, input.history.weights, catalog.size)
        : { items: new Int32Array(0), weights: new Float32Array(0) },
    historyUsed,
    catalogSerial: catalog.serial,
  };
}

/** A profile kind the code does not know gets the strictest limit, not the loosest. */
const storedProfileKind = profileKindSchema.catch('kids');

export interface LoadViewerOptions {
  consent: ConsentState;
  nonProfiling?: boolean;
  /** The policy's audience limits, where lower than the profiles' own. */
  maturity?: MaturityLimits;
  historyLimit?: number;
}

/** The subject row fields a viewer context needs, for callers that have read them already. */
export interface ViewerSubject {
  id: string;
  key: number;
  /** As stored; an unknown kind is treated as the strictest (kids). */
  profileKind: string;
}

/**
 * Reads a viewer's context: the subject row (profile), and, only when profiling is allowed, their
 * distinct items in one query on the interactions' (subject_key, occurred_at) index. Items not in the
 * catalog index (imported since it was built) are left out. Throws PipelineError for an unknown subject.
 */
export async function loadViewerContext(
  repos: Pick<Repositories, 'subjects' | 'interactions'>,
  catalog: ServingCatalog,
  subjectId: string,
  options: LoadViewerOptions,
): Promise<ViewerContext> {
  const subject = await repos.subjects.get(subjectId);
  if (!subject) throw new PipelineError('unknown-subject', 'subjectId', `no viewer has id '${subjectId}'`);
  return viewerContextOf(
    repos,
    catalog,
    { id: subject.id, key: Number(subject.key), profileKind: subject.profile_kind },
    options,
  );
}

/** As loadViewerContext, for a subject already read (the request's scope): only the history query. */
export async function viewerContextOf(
  repos: { interactions: Pick<Repositories['interactions'], 'itemsOfSubject'> },
  catalog: ServingCatalog,
  subject: ViewerSubject,
  options: LoadViewerOptions,
): Promise<ViewerContext> {
  const subjectId = subject.id;
  const profileKind = storedProfileKind.parse(subject.profileKind);
  const nonProfiling = options.nonProfiling ?? false;
  let history: ViewerContextInput['history'];
  if (mayProfile(options.consent, nonProfiling)) {
    const rows = await repos.interactions.itemsOfSubject(
      subject.key,
      options.historyLimit ?? DEFAULT_HISTORY_LIMIT,
    );
    const columns: number[] = [];
    const weights: number[] = [];
    for (const row of rows) {
      const column = catalog.columnOfKey(row.itemKey);
      if (column === undefined) continue;
      columns.push(column);
      weights.push(row.events);
    }
    history = { columns, weights };
  }
  return createViewerContext(
    {
      subjectId,
      profileKind,
      consent: options.consent,
      nonProfiling,
      maxAudienceLevel: maxAudienceLevelFor(profileKind, options.maturity),
      history,
    },
    catalog,
  );
}

function mergedHistory(
  columns: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  size: number,
): Required<ItemHistory> {
  const order = Array.from({ length: columns.length }, (_, at) => at).sort(
    (a, b) => (columns[a] as number) - (columns[b] as number),
  );
  const items: number[] = [];
  const merged: number[] = [];
  for (const at of order) {
    const column = columns[at] as number;
    if (!(Number.isInteger(column) && column >= 0 && column < size))
      throw new Error(`history column ${column} outside 0..${size - 1}`);
    const weight = weights ? (weights[at] as number) : 1;
    if (items[items.length - 1] === column) merged[merged.length - 1] = (merged.at(-1) as number) + weight;
    else {
      items.push(column);
      merged.push(weight);
    }
  }
  return { items: Int32Array.from(items), weights: Float32Array.from(merged) };
}
