import type { VersionedPolicy } from '../../config/serving-policy.js';
import { isRetired, readAliases, readManifest } from '../../models/model-artifact.js';
import { consentPurposes } from '../../privacy/consent/purposes.js';
import { type Clock, systemClock } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import { type AuditFigureCache, auditDataState } from './audit-cache.js';
import { type AuditFigureOptions, auditFigures } from './audit-figures.js';
import { gateFigures } from './gate-figures.js';
import { privacyFigures } from './privacy-figures.js';
import { alertFigures, safetyFigures } from './safety-figures.js';
import { type ScorecardData, scorecardDataSchema } from './scorecard-data.js';
import { scorecardTargets } from './scorecard-targets.js';

/** The version asked for does not exist, or no version was named and none is in production. */
export class ScorecardModelError extends Error {
  constructor(
    readonly reason: 'no-such-model' | 'no-production',
    readonly modelId: string | null,
  ) {
    super(
      reason === 'no-such-model'
        ? `no trained model ${modelId ?? ''}`.trim()
        : 'no model is in production: name a version',
    );
    this.name = 'ScorecardModelError';
  }
}

export interface ScorecardSources {
  store: Store;
  dataDir: string;
  policy: VersionedPolicy;
  clock?: Clock;
}

export interface ScorecardOptions extends AuditFigureOptions {
  /** The version to describe; the production model when absent. */
  modelId?: string | undefined;
  /** How far back safety decisions and alerts are counted (default 30 days). */
  windowDays?: number;
  /** Reuses a recent audit of the same version on the same data (a server keeps one). */
  cache?: AuditFigureCache;
}

const DAY_MS = 86_400_000;

/** Resolves the version: the one named, else production; a clear error when there is none. */
export function scorecardModelId(dataDir: string, modelId: string | undefined): string {
  if (modelId !== undefined) return modelId;
  const production = readAliases(dataDir).production;
  if (!production) throw new ScorecardModelError('no-production', null);
  return production;
}

/**
 * Gathers everything the scorecard shows about one version: its manifest and registry history, its
 * latest gate report and sign-offs, a fresh audit of its recipe under the policy's fixed protocol, the
 * policy's targets, and the service's privacy, safety and monitoring figures.
 */
export async function gatherScorecard(
  sources: ScorecardSources,
  options: ScorecardOptions = {},
): Promise<ScorecardData> {
  const { store, dataDir } = sources;
  // One reading of the policy for the whole scorecard, so every figure is against the same version.
  const policy = sources.policy;
  const promotion = policy.policy.promotion;
  const now = (sources.clock ?? systemClock)();
  const id = scorecardModelId(dataDir, options.modelId);
  const manifest = readManifest(dataDir, id);
  if (!manifest) throw new ScorecardModelError('no-such-model', id);

  const aliases = Object.entries(readAliases(dataDir))
    .filter(([, target]) => target === id)
    .map(([alias]) => alias)
    .sort();
  const since = new Date(now.getTime() - (options.windowDays ?? 30) * DAY_MS).toISOString();
  const measure = () => auditFigures(store, manifest, promotion.protocol, options);
  const audit = options.cache
    ? await options.cache.get(
        JSON.stringify([
          id,
          policy.version,
          options.resamples,
          options.minGroupSize,
          await auditDataState(store),
        ]),
        measure,
      )
    : await measure();
  const gate = await gateFigures(store.db, id);
  const requiredSignoffs = [...promotion.signoffRoles];

  return scorecardDataSchema.parse({
    generatedAt: now.toISOString(),
    policyVersion: policy.version,
    model: {
      id,
      algorithm: manifest.algorithm,
      params: manifest.params,
      aliases,
      createdAt: manifest.createdAt,
      codeVersion: manifest.codeVersion,
      parent: manifest.parent,
      retired: isRetired(dataDir, id),
      data: {
        snapshotHash: manifest.data.snapshotHash,
        source: manifest.data.source,
        events: manifest.data.events,
        viewers: manifest.data.viewers,
        items: manifest.data.items,
        lastEventAt: manifest.data.lastEventAt,
      },
      consent: manifest.data.consent && {
        purpose: manifest.data.consent.purpose,
        includedViewers: manifest.data.consent.includedViewers,
        excludedViewers: manifest.data.consent.excludedViewers,
        excludedEvents: manifest.data.consent.excludedEvents,
      },
      unlearning: manifest.unlearning.map((u) => ({
        at: u.at,
        viewers: u.viewers,
        method: u.method,
        exact: u.exact,
      })),
      history: gate.history,
    },
    protocol: { ...promotion.protocol },
    thresholds: { ...promotion.thresholds },
    targets: scorecardTargets({
      thresholds: promotion.thresholds,
      audit,
      gate: gate.gate,
      requiredSignoffs,
      signoffs: gate.signoffs,
    }),
    gate: gate.gate,
    gateNote: gate.gateNote,
    requiredSignoffs,
    signoffs: gate.signoffs,
    ...audit,
    privacy: await privacyFigures(
      store.db,
      consentPurposes(policy.policy.privacy.consentPurposes).list,
      policy.policy.privacy.dpBudget,
    ),
    safety: await safetyFigures(store.db, since),
    alerts: await alertFigures(store.db, since),
  } satisfies ScorecardData);
}
