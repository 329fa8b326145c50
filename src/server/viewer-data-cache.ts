import type { ConsentState } from '../pipeline/consent-state.js';
import { DEFAULT_HISTORY_LIMIT } from '../pipeline/viewer-context.js';
import { servingConsentOf } from '../privacy/consent/serving-consent.js';
import type { Store } from '../store/open-store.js';
import { repositoriesFor } from '../store/repositories/index.js';
import type { InteractionRepository } from '../store/repositories/interaction-repository.js';
import type { SubjectScope } from './auth/principal.js';

/** What the serving path reads about a viewer on every request. */
export interface ViewerData {
  consent: ConsentState;
  /** Distinct items with event counts, most recent first (the default history limit only). */
  history: { itemKey: number; events: number }[];
  /** Items the viewer turned down. */
  dismissed: ReadonlySet<string>;
}

type Loaders = { [K in keyof ViewerData]: (subjectId: string, subjectKey: number) => Promise<ViewerData[K]> };

interface Entry {
  version: number;
  loadedAt: number;
  values: Partial<ViewerData>;
}

export interface ViewerDataCacheOptions {
  /** Viewers kept (least recently used forgotten first); 0 turns the cache off. */
  maxEntries: number;
  /**
   * Longest an entry is kept, in ms, even while unchanged: bounds how long a viewer erased through
   * another process (a cluster sibling, the CLI) stays in this one's memory.
   */
  maxAgeMs: number;
  now?: () => number;
}

/**
 * A viewer's consent, history and dismissed items as last read, for as long as the store says none of
 * them changed: triggers change the subject row's `data_version` with every write of those tables
 * (migration 0009), and access control reads that row on every request anyway. So a withdrawal or a new event
 * written by any process is seen by the very next request, as without a cache; what is saved is the
 * three queries. Entries are read after the version they are filed under, so an entry is never older
 * than its version (at worst newer, which only causes a reload).
 */
export class ViewerDataCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(
    private readonly loaders: Loaders,
    private readonly options: ViewerDataCacheOptions,
  ) {
    if (!(Number.isInteger(options.maxEntries) && options.maxEntries >= 0)) {
      throw new Error(`maxEntries must be a non-negative integer (got ${options.maxEntries})`);
    }
    if (!(Number.isFinite(options.maxAgeMs) && options.maxAgeMs >= 0)) {
      throw new Error(`maxAgeMs must be >= 0 (got ${options.maxAgeMs})`);
    }
    this.now = options.now ?? Date.now;
  }

  async get<K extends keyof ViewerData>(scope: SubjectScope, field: K): Promise<ViewerData[K]> {
    const load = this.loaders[field] as Loaders[K];
    if (this.options.maxEntries === 0) return load(scope.subjectId, scope.subjectKey);
    const entry = this.entryFor(scope.subjectId, scope.dataVersion);
    const known = entry.values[field];
    if (known !== undefined) return known as ViewerData[K];
    const loaded = await load(scope.subjectId, scope.subjectKey);
    entry.values[field] = loaded;
    return loaded;
  }

  /**
   * The history source viewerContextOf reads from: this cache for the default history limit, the store
   * for any other (only the default is kept).
   */
  historyOf(
    scope: SubjectScope,
    store: Pick<InteractionRepository, 'itemsOfSubject'>,
  ): { interactions: Pick<InteractionRepository, 'itemsOfSubject'> } {
    return {
      interactions: {
        itemsOfSubject: (subjectKey, limit = DEFAULT_HISTORY_LIMIT) =>
          subjectKey === scope.subjectKey && limit === DEFAULT_HISTORY_LIMIT
            ? this.get(scope, 'history')
            : store.itemsOfSubject(subjectKey, limit),
      },
    };
  }

  /** Drops what is held about one viewer (erasure in this process). */
  forget(subjectId: string): void {
    this.entries.delete(subjectId);
  }

  /** Sweeps every `maxAgeMs` (without keeping the process alive); returns the function that stops it. */
  sweepPeriodically(): () => void {
    if (this.options.maxEntries === 0) return () => {};
    const timer = setInterval(() => this.sweep(), Math.max(1000, this.options.maxAgeMs));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Drops entries past their age, so an idle process forgets too. */
  sweep(): void {
    const oldest = this.now() - this.options.maxAgeMs;
    for (const [subjectId, entry] of this.entries) {
      if (entry.loadedAt < oldest) this.entries.delete(subjectId);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private entryFor(subjectId: string, version: number): Entry {
    const now = this.now();
    const entry = this.entries.get(subjectId);
    if (entry !== undefined && entry.version === version && now - entry.loadedAt <= this.options.maxAgeMs) {
      // Map order is insertion order: re-inserting keeps the most recently used last.
      this.entries.delete(subjectId);
      this.entries.set(subjectId, entry);
      return entry;
    }
    this.entries.delete(subjectId);
    if (this.entries.size >= this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    const fresh: Entry = { version, loadedAt: now, values: {} };
    this.entries.set(subjectId, fresh);
    return fresh;
  }
}

/** The cache over a store's consent ledger, interactions and feedback. */
export function viewerDataCacheFor(store: Store, options: ViewerDataCacheOptions): ViewerDataCache {
  const repos = repositoriesFor(store.db, store.dialect);
  return new ViewerDataCache(
    {
      consent: (subjectId) => servingConsentOf(store.db, subjectId),
      history: (_subjectId, subjectKey) =>
        repos.interactions.itemsOfSubject(subjectKey, DEFAULT_HISTORY_LIMIT),
      dismissed: (subjectId) => repos.feedback.dismissedItemIds(subjectId),
    },
    options,
  );
}
