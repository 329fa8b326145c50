import { RECORD_KINDS, type RecordKind, type RecordOf } from '../catalog/catalog-records.js';
import { type Clock, systemClock } from '../store/ids.js';
import type { Store } from '../store/open-store.js';
import { allKeysByExternalId } from '../store/repositories/external-ids.js';
import { type NewInteraction, repositoriesFor } from '../store/repositories/index.js';
import { ImportRowError, type ImportSource, type Located } from './import-source.js';
import { validated } from './record-validation.js';
import { ConsentRepository } from '../privacy/consent/consent-repository.js';
import { DEFAULT_PURPOSES } from '../privacy/consent/purposes.js';
import { UnknownReferenceError } from '../store/repositories/unknown-reference-error.js';

export interface KindCount {
  read: number;
  inserted: number;
}

export interface ImportReport {
  batchId: string;
  format: string;
  files: string[];
  kinds: Partial<Record<RecordKind, KindCount>>;
  /** Source fields that were not kept (data minimization), by `kind.field`. */
  dropped: Record<string, number>;
  seconds: number;
}

export interface ImportOptions {
  /** Called with bytes read so far, for a progress bar. */
  onProgress?: (bytes: number) => void;
  /** Records per write; larger batches write faster and hold more in memory. */
  batchSize?: number;
  clock?: Clock;
  /**
   * Consent recorded for each new viewer: the viewer record's own `consents` (and demographicsConsent)
   * first, then `grant` for purposes the record does not mention. Nothing is presumed without it.
   */
  consent?: ImportConsent;
}

export interface ImportConsent {
  /** Purposes the source obtained consent for, for every viewer (e.g. personalization, model_training). */
  grant: readonly string[];
  /** Who ran the import, e.g. `cli:alice`. */
  actor: string;
  /** Version of the purposes' wording (consentPurposes().textVersion). */
  textVersion: string;
}

/**
 * Imports a source all or nothing: every record is validated and written inside one transaction, so a
 * bad row anywhere leaves the store exactly as it was. Re-importing the same data inserts nothing.
 */
export async function runImport(
  store: Store,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  const clock = options.clock ?? systemClock;
  const batchSize = options.batchSize ?? 5000;
  let batchId = '';
  const kinds: Partial<Record<RecordKind, KindCount>> = {};
  let bytes = 0;
  const progress = (delta: number) => {
    bytes += delta;
    options.onProgress?.(bytes);
  };

  try {
    await writeAll();
  } finally {
    await source.close?.();
  }
  return reportOf();

  function writeAll() {
    return store.db.transaction().execute(async (trx) => {
      const repos = repositoriesFor(trx, store.dialect, clock, store.keyring);
      const ingestBatch = await repos.batches.open(source.format, source.files);
      batchId = ingestBatch.id;
      const finishers: (() => Promise<void>)[] = [];
      for (const kind of RECORD_KINDS) {
        if (!source.kinds.includes(kind)) continue;
        const count: KindCount = { read: 0, inserted: 0 };
        kinds[kind] = count;
        const write = await writerFor(kind);
        let batch: Located<RecordOf[typeof kind]>[] = [];
        for await (const located of source.records(kind, progress)) {
          batch.push(
            source.validated ? (located as Located<RecordOf[typeof kind]>) : validated(kind, located),
          );
          count.read += 1;
          if (batch.length >= batchSize) {
            count.inserted += await write(batch);
            batch = [];
          }
        }
        if (batch.length > 0) count.inserted += await write(batch);
        await finishers.pop()?.();
      }

      async function writerFor<K extends RecordKind>(
        kind: K,
      ): Promise<(batch: Located<RecordOf[K]>[]) => Promise<number>> {
        const values = <T>(batch: Located<T>[]) => batch.map((l) => l.value);
        switch (kind) {
          case 'genres':
            return (batch) => repos.catalog.insertGenres(values(batch as Located<RecordOf['genres']>[]));
          case 'creators':
            return (batch) => repos.catalog.insertCreators(values(batch as Located<RecordOf['creators']>[]));
          case 'items':
            return async (batch) => {
              const items = batch as Located<RecordOf['items']>[];
              try {
                return await repos.catalog.insertItems(values(items));
              } catch (error) {
                throw locateReferenceError(error, items);
              }
            };
          case 'viewers':
            return (batch) =>
              repos.subjects.insertViewers(values(batch as Located<RecordOf['viewers']>[]), (fresh) =>
                recordImportConsent(new ConsentRepository(trx), fresh, options.consent, clock),
              );
          default: {
            const subjects = await allKeysByExternalId(trx, 'subjects');
            const items = await allKeysByExternalId(trx, 'items');
            const loader = await repos.interactions.openLoader(ingestBatch.key);
            finishers.push(() => loader.finish());
            return (batch) =>
              loader.append(
                (batch as Located<RecordOf['interactions']>[]).map((l) =>
                  toNewInteraction(source.format, l, subjects, items),
                ),
              );
          }
        }
      }

      await repos.batches.recordReport(ingestBatch.key, reportOf());
    });
  }

  function reportOf(): ImportReport {
    return {
      batchId,
      format: source.format,
      files: [...source.files],
      kinds,
      dropped: Object.fromEntries([...source.dropped].sort(([a], [b]) => a.localeCompare(b))),
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    };
  }
}

/** One ledger event per new viewer and purpose the record (or the import's grant) answers. */
export async function recordImportConsent(
  ledger: ConsentRepository,
  fresh: { id: string; record: RecordOf['viewers'] }[],
  consent: ImportConsent | undefined,
  clock: Clock,
): Promise<void> {
  const events = fresh.flatMap(({ id, record }) => {
    const answers = new Map<string, boolean>(
      (consent?.grant ?? []).map((purpose): [string, boolean] => [purpose, true]),
    );
    if (record.demographicsConsent) answers.set('demographics_for_fairness_audit', true);
    for (const [purpose, granted] of Object.entries(record.consents ?? {})) answers.set(purpose, granted);
    return [...answers].map(([purpose, granted]) => ({ subjectId: id, purpose, granted }));
  });
  if (events.length === 0) return;
  await ledger.grantMany(events, {
    at: clock().toISOString(),
    textVersion: consent?.textVersion ?? DEFAULT_PURPOSES.textVersion,
    method: 'import',
    actor: consent?.actor ?? 'system',
  });
}

/** Points a repository's unknown-reference error at the record (file and line) that made it. */
function locateReferenceError(error: unknown, batch: Located<{ externalId: string }>[]): unknown {
  if (!(error instanceof UnknownReferenceError)) return error;
  const at = batch.find((located) => located.value.externalId === error.externalId);
  return at ? new ImportRowError(at.file, at.line, error.field, error.message) : error;
}

/** Times are stored as `toISOString()` writes them, so they compare as text; most sources already do. */
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function toNewInteraction(
  format: string,
  located: Located<RecordOf['interactions']>,
  subjects: Map<string, number>,
  items: Map<string, number>,
): NewInteraction {
  const event = located.value;
  const subjectKey = subjects.get(event.subjectExternalId);
  if (subjectKey === undefined) {
    throw new ImportRowError(
      located.file,
      located.line,
      'subjectExternalId',
      `unknown viewer '${event.subjectExternalId}'`,
    );
  }
  const itemKey = items.get(event.itemExternalId);
  if (itemKey === undefined) {
    throw new ImportRowError(
      located.file,
      located.line,
      'itemExternalId',
      `unknown item '${event.itemExternalId}'`,
    );
  }
  return {
    // A client's key is unique per viewer, not across viewers; a derived key names the event itself.
    idempotencyKey:
      event.idempotencyKey !== null
        ? `client:${event.subjectExternalId}:${event.idempotencyKey}`
        : `${format}:${event.subjectExternalId}:${event.itemExternalId}:${event.kind}:${event.occurredAt}`,
    subjectKey,
    itemKey,
    kind: event.kind,
    value: event.value,
    occurredAt: CANONICAL_TIME.test(event.occurredAt)
      ? event.occurredAt
      : new Date(event.occurredAt).toISOString(),
  };
}
