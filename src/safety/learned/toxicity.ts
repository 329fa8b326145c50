/**
 * Learned toxicity scores (trained on Davidson et al. 2017 tweets): `toxic` is hate or offensive
 * language, `hate` is hate speech alone. Probabilities are calibrated to equal class priors, not to
 * the training mix (which is 83% toxic), so 0.5 means "as likely one as the other".
 */
import { type NormalizedText } from './features.js';
import { type LoadedModel, lazyModel, scoreAllHeads } from './model-file.js';
import { TOXICITY_MODEL } from './weights/toxicity.generated.js';

export interface ToxicityScores {
  readonly toxic: number;
  readonly hate: number;
}

const model = lazyModel(TOXICITY_MODEL);

function headIndex(loaded: LoadedModel, name: string): number {
  const index = loaded.heads.findIndex((head) => head.name === name);
  if (index < 0) throw new Error(`toxicity model has no ${name} head`);
  return index;
}

/** `normalized` is `normalizeForFeatures(text)` when the caller already has it. */
export function scoreToxicity(text: string, normalized?: NormalizedText): ToxicityScores {
  const loaded = model();
  const scores = scoreAllHeads(loaded, text, normalized);
  return {
    toxic: scores[headIndex(loaded, 'toxic')] as number,
    hate: scores[headIndex(loaded, 'hate')] as number,
  };
}

/** The decision thresholds chosen during training (on the same calibrated scale). */
export function toxicityThresholds(): ToxicityScores {
  const loaded = model();
  return {
    toxic: loaded.heads[headIndex(loaded, 'toxic')]?.threshold ?? 0.5,
    hate: loaded.heads[headIndex(loaded, 'hate')]?.threshold ?? 0.5,
  };
}
