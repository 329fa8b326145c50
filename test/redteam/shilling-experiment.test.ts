import { describe, expect, it } from 'vitest';
import { matrixFromTriplets } from '../../src/models/interaction-matrix.js';
import type { Scorer } from '../../src/models/recommender.js';
import { SHILLING } from '../../src/redteam/attacks/shilling-attacks.js';
import { chooseTargets, popularityBand } from '../../src/redteam/evaluation/choose-targets.js';
import { attackTarget, ShillingExperiment } from '../../src/redteam/evaluation/shilling-experiment.js';
import { targetExposure } from '../../src/redteam/evaluation/target-exposure.js';
import {
  pooledDetection,
  summarizeModels,
  withinNoAttack,
} from '../../src/redteam/report/shilling-summary.js';
import { genuineProfiles } from './redteam-fixtures.js';

/** A scorer that ranks items by fixed scores whatever the history. */
function fixedScorer(scores: number[]): Scorer {
  return {
    algorithm: 'fixed',
    nItems: scores.length,
    score: (_history, out = new Float32Array(scores.length)) => {
      out.set(scores);
      return out;
    },
    weights: () => ({}),
  };
}

describe('target exposure', () => {
  it('counts hits in the top k of viewers who have not seen the target, with its mean score and rank', () => {
    // Items 0..4 scored 5, 4, 3, 2, 1; the target is item 2.
    const histories = matrixFromTriplets(3, 5, [0, 1, 2], [0, 2, 4]);
    const exposure = targetExposure(fixedScorer([5, 4, 3, 2, 1]), histories, 2, 2);
    // Viewer 1 saw the target: skipped. Viewer 0 (saw item 0): unseen ranking 1, 2, ... -> target 2nd.
    // Viewer 2 (saw item 4): 0, 1, 2 -> target 3rd, outside the top 2.
    expect(exposure).toEqual({ hitRatio: 0.5, meanScore: 3, meanRank: 2.5, viewers: 2 });
  });

  it('breaks ties towards the lower index, as candor evaluate does', () => {
    const histories = matrixFromTriplets(1, 3, [0], [0]);
    expect(targetExposure(fixedScorer([0, 1, 1]), histories, 2, 1).hitRatio).toBe(0);
    expect(targetExposure(fixedScorer([0, 1, 1]), histories, 1, 1).hitRatio).toBe(1);
  });
});

describe('attacking a target', () => {
  const genuine = genuineProfiles({ users: 300, items: 600, seed: 2, implicit: true });
  const experiment = new ShillingExperiment(
    genuine,
    [{ algorithm: 'itemknn' }, { algorithm: 'popularity' }],
    10,
  );

  it('measures each model without attack, attacked, and with the flagged profiles left out', async () => {
    const [target] = chooseTargets(
      experiment.stats.popularity,
      1,
      popularityBand(experiment.stats.popularity),
      1,
    );
    const outcome = await attackTarget(
      experiment,
      SHILLING.random,
      { size: 0.05, filler: 0.1, selected: 0, seed: 1 },
      target as number,
    );
    expect(outcome.detection).toMatchObject({ injected: 15, truePositives: 15, falsePositives: 0 });
    expect(outcome.models.map((m) => m.algorithm)).toEqual(['itemknn', 'popularity']);
    for (const model of outcome.models) {
      // Every fake caught and no one else: the defended model is the no-attack model.
      expect(model.defended).toEqual(model.noAttack);
      expect(model.attacked.meanScore).not.toBe(model.noAttack.meanScore);
    }
    // Fifteen more viewers lift the target in a popularity ranking.
    const popularity = outcome.models[1];
    expect(popularity?.attacked.meanRank).toBeLessThan(popularity?.noAttack.meanRank as number);
    const [summary] = summarizeModels([outcome]);
    expect(summary?.hitRatio.defended).toBe(summary?.hitRatio.noAttack);
    expect(pooledDetection([outcome, outcome])).toMatchObject({ injected: 30, precision: 1, recall: 1 });
  });

  it('limits the models measured when asked', async () => {
    const outcome = await attackTarget(
      experiment,
      SHILLING.average,
      { size: 0.02, filler: 0.05, selected: 0, seed: 2 },
      5,
      {
        models: ['popularity'],
      },
    );
    expect(outcome.models.map((m) => m.algorithm)).toEqual(['popularity']);
  });
});

describe('hit ratio goal band', () => {
  it('is 20% of the no-attack value, or a fraction of one viewer around zero', () => {
    expect(withinNoAttack(0.11, 0.1, 1000)).toBe(true);
    expect(withinNoAttack(0.13, 0.1, 1000)).toBe(false);
    expect(withinNoAttack(0, 0, 1000)).toBe(true);
    expect(withinNoAttack(1 / 1000, 0, 1000)).toBe(false);
  });
});
