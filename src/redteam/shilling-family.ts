import { z } from 'zod';
import { openImportSource } from '../import/open-import-source.js';
import { algorithmNamed, DEFAULT_ALGORITHM, paramsFor } from '../models/algorithms.js';
import { readDatasetEvents } from '../models/dataset-events.js';
import { SHILLING_ATTACKS } from './attacks/shilling-attack.js';
import { shillingAttackNamed } from './attacks/shilling-attacks.js';
import { DEFAULT_QUORUM, DEFAULT_THRESHOLD, DETECTOR_VERSION } from './detection/profile-scorer.js';
import { chooseTargets, popularityBand } from './evaluation/choose-targets.js';
import { attackTarget, ShillingExperiment, type TargetOutcome } from './evaluation/shilling-experiment.js';
import { profilesOfDataset } from './profiles/dataset-profiles.js';
import { type RedteamFamily, RedteamOptionError } from './redteam-family.js';
import { shillingSummary } from './report/shilling-text.js';
import { pooledDetection, summarizeModels, withinNoAttack } from './report/shilling-summary.js';

const optionsSchema = z.object({
  data: z
    .string({ error: 'needs --data DIR, the dataset to attack (read, never written)' })
    .min(1, 'needs --data DIR, the dataset to attack (read, never written)'),
  size: z.number().gt(0).max(0.5).default(0.03),
  filler: z.number().min(0).lt(1).default(0.05),
  selected: z.int().min(0).max(1000).default(5),
  targets: z.int().min(1).max(100).default(5),
  target: z.array(z.string().min(1)).optional(),
  algo: z.string().default(DEFAULT_ALGORITHM),
  params: z.unknown().optional(),
  k: z.int().min(1).max(1000).default(10),
  seed: z.int().min(0).default(42),
  threshold: z.number().positive().optional(),
});
export type ShillingOptions = z.infer<typeof optionsSchema>;

/** The goals issue 10 sets: detection precision and recall, and the defended hit ratio's band. */
export const SHILLING_GOALS = { precision: 0.9, recall: 0.9, hitRatioTolerance: 0.2 };

function parseOptions(input: Readonly<Record<string, unknown>>): ShillingOptions {
  const result = optionsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RedteamOptionError(`--${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  try {
    paramsFor(algorithmNamed(result.data.algo), result.data.params);
  } catch (error) {
    throw new RedteamOptionError((error as Error).message);
  }
  return result.data;
}

/**
 * Shilling: fake profiles pushing target items (random, average, bandwagon and segment attacks),
 * injected into an in-memory copy of a dataset read from its files. Each run reports how well the
 * detector separates the fakes and what the attack did to the model's hit ratio for the targets, with
 * and without the flagged profiles quarantined from training.
 */
export const shillingFamily: RedteamFamily = {
  name: 'shilling',
  description: 'fake-profile injection pushing target items; detection and the effect on the model',
  variants: SHILLING_ATTACKS,
  async prepare(input, context) {
    const options = parseOptions(input);
    let source: Awaited<ReturnType<typeof openImportSource>>;
    try {
      source = await openImportSource(options.data, {});
    } catch (error) {
      throw new RedteamOptionError(`--data: ${(error as Error).message}`);
    }
    const events = await readDatasetEvents(source);
    const genuine = profilesOfDataset(events);
    context.info(`Read ${events.users.length} events, ${genuine.nUsers} viewers, ${genuine.nItems} items`);
    const experiment = new ShillingExperiment(
      genuine,
      [{ algorithm: options.algo, params: options.params }],
      options.k,
      events.itemGenres,
    );
    const indexOf = new Map(events.itemIds.map((id, index) => [id, index]));
    const targets = options.target
      ? options.target.map((id) => {
          const index = indexOf.get(id);
          if (index === undefined) throw new RedteamOptionError(`--target: no item '${id}' in the dataset`);
          return index;
        })
      : chooseTargets(
          experiment.stats.popularity,
          options.targets,
          popularityBand(experiment.stats.popularity),
          options.seed,
        );
    if (targets.length === 0) throw new RedteamOptionError('--targets: no item qualifies as a target');
    const detector = options.threshold === undefined ? {} : { threshold: options.threshold };

    return {
      async run(variant) {
        const started = performance.now();
        const outcomes: TargetOutcome[] = [];
        for (const [t, target] of targets.entries()) {
          context.info(`shilling:${variant} on item ${events.itemIds[target]} (${t + 1}/${targets.length})`);
          outcomes.push(
            await attackTarget(
              experiment,
              shillingAttackNamed(variant),
              {
                size: options.size,
                filler: options.filler,
                selected: options.selected,
                seed: options.seed + t,
              },
              target,
              { detector },
            ),
          );
        }
        const detection = pooledDetection(outcomes);
        const models = summarizeModels(outcomes);
        const detectionMet =
          detection.precision >= SHILLING_GOALS.precision && detection.recall >= SHILLING_GOALS.recall;
        const hitRatioMet = outcomes.every((outcome) =>
          outcome.models.every((m) =>
            withinNoAttack(
              m.defended.hitRatio,
              m.noAttack.hitRatio,
              m.noAttack.viewers,
              SHILLING_GOALS.hitRatioTolerance,
            ),
          ),
        );
        const report = {
          kind: `shilling:${variant}`,
          parameters: {
            size: options.size,
            filler: options.filler,
            selected: options.selected,
            seed: options.seed,
            k: options.k,
            algorithm: experiment.models[0]?.algorithm,
            params: experiment.models[0]?.params,
          },
          data: {
            path: options.data,
            viewers: genuine.nUsers,
            items: genuine.nItems,
            events: events.users.length,
            rated: genuine.ratings !== null,
          },
          detector: {
            version: DETECTOR_VERSION,
            threshold: options.threshold ?? DEFAULT_THRESHOLD,
            quorum: DEFAULT_QUORUM,
          },
          injectedPerTarget: outcomes[0]?.detection.injected ?? 0,
          detection,
          models,
          goals: { ...SHILLING_GOALS, detectionMet, hitRatioMet },
          targets: outcomes.map((outcome) => ({ ...outcome, item: events.itemIds[outcome.target] })),
          seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
        };
        return {
          kind: report.kind,
          passed: detectionMet && hitRatioMet,
          report,
          summary: shillingSummary(report),
        };
      },
    };
  },
};
