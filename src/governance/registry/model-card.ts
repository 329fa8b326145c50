import type { VersionedPolicy } from '../../config/serving-policy.js';
import { algorithmNamed } from '../../models/algorithms.js';
import type { ModelManifest } from '../../models/model-artifact.js';
import type { GateCheck, GateEvaluation, GateReport } from './gate-report.js';
import type { Signoff } from './gate-store.js';
import { promotionReadiness } from './promotion-readiness.js';
import type { Ancestor } from './version-details.js';

/**
 * A model card (Mitchell et al., "Model Cards for Model Reporting", 2019) for one version, generated
 * from what Candor knows for certain: the manifest (lineage, training data, consent, unlearning), the
 * version's latest gate report (metrics on the fixed protocol, thresholds, variation across groups)
 * and its sign-offs. What has not been measured is said to be unmeasured, never filled in.
 */
export interface ModelCard {
  modelId: string;
  generatedAt: string;
  policyVersion: string;
  modelDetails: {
    algorithm: string;
    description: string;
    parameters: Record<string, unknown>;
    createdAt: string;
    codeVersion: string;
    developedBy: string;
    aliases: string[];
    retired: boolean;
    parent: string | null;
    ancestors: Ancestor[];
  };
  intendedUse: { primaryUses: string[]; primaryUsers: string[] };
  outOfScopeUses: string[];
  factors: {
    viewerGroupings: string[];
    creatorGroups: string[];
    notEvaluated: { attribute: string; reason: string }[];
    note: string;
  };
  metrics: {
    measured: boolean;
    protocol: GateReport['protocol'];
    checks: Pick<GateCheck, 'id' | 'label' | 'value' | 'threshold' | 'comparison' | 'passed' | 'skipped'>[];
    candidate: Record<string, number>;
    baseline: { modelId: string; metrics: Record<string, number> } | null;
    variationAcrossGroups: GateEvaluation['fairness'];
    exposureByItemGroup: GateEvaluation['exposure'];
  };
  evaluationData: { description: string; protocol: GateReport['protocol']; sizes: Record<string, number> };
  trainingData: ModelManifest['data'] & { unlearning: ModelManifest['unlearning']; description: string };
  governance: {
    gate: {
      id: string;
      passed: boolean;
      createdAt: string;
      policyVersion: string;
      current: boolean;
      failures: string[];
    } | null;
    signoffs: { role: string; at: string }[];
    missingSignoffs: string[];
    readyToPromote: boolean;
    promotionEnforced: boolean;
  };
  ethicalConsiderations: string[];
  caveatsAndRecommendations: string[];
}

export interface ModelCardInput {
  manifest: ModelManifest;
  aliases: string[];
  retired: boolean;
  ancestors: Ancestor[];
  gate: GateReport | undefined;
  signoffs: readonly Signoff[];
  policy: VersionedPolicy;
  production: string | null;
  now: Date;
}

function describeAlgorithm(name: string): string {
  try {
    return algorithmNamed(name).description;
  } catch {
    return `${name} (an algorithm this build of Candor does not know)`;
  }
}

function ethics(input: ModelCardInput): string[] {
  const { manifest, gate } = input;
  const consent = manifest.data.consent;
  const lines = [
    consent
      ? `Trained only on the events of viewers who granted "${consent.purpose}" at consent ledger position ${consent.ledgerSeq}: ` +
        `${consent.includedViewers} viewers included, ${consent.excludedViewers} left out (${consent.excludedEvents} events).`
      : 'Trained outside the consent ledger (a dataset folder, or before consent snapshots): the operator answers for its legal basis.',
    'Training saw pseudonyms (keyed HMAC of viewer ids), never viewer ids or personal fields.',
    'Gender, occupation and age band enter fairness audits only for viewers who consented to that use; others count as "not consented" or "unknown".',
  ];
  if (manifest.unlearning.length > 0) {
    const inexact = manifest.unlearning.filter((step) => !step.exact).length;
    lines.push(
      `${manifest.unlearning.length} erasure(s) removed viewers' influence from this version` +
        (inexact > 0 ? `, ${inexact} of them approximately (retrain to be exact).` : ', each exactly.'),
    );
  }
  const exposure = gate?.checks.find((check) => check.id === 'exposure:underrepresented');
  if (exposure && exposure.skipped === null) {
    lines.push(
      `Under-represented creators get ${exposure.value} of the exposure their catalog share would give them ` +
        `(the policy asks for at least ${exposure.threshold}).`,
    );
  }
  const safety = gate?.checks.find((check) => check.id === 'catalog-safety');
  if (safety && safety.skipped === null) {
    lines.push(
      `Of its ${String(safety.detail.inspected)} most exposed items, ${String(safety.detail.unsafe)} are held back as unsafe ` +
        "(curators' queue or outgoing inspection); the serving pipeline filters those before anyone sees them.",
    );
  }
  lines.push(
    'Recommenders learn from what they showed: popular items and majority tastes can be amplified. ' +
      "The serving policy's rerankers (diversity, calibration, fair exposure, exploration) act on that after scoring.",
  );
  return lines;
}

function caveats(input: ModelCardInput, current: boolean): string[] {
  const { gate, manifest } = input;
  const lines: string[] = [];
  if (!gate) {
    lines.push(
      'No gate report yet: this version has not been measured on the fixed protocol, so the card has no metrics. Run the gate before relying on it.',
    );
  } else if (!current) {
    lines.push(
      `The gate report was made under ${gate.policyVersion}; the policy is now ${input.policy.version}. Its figures stand, its verdict does not: re-run the gate.`,
    );
  }
  for (const check of gate?.checks ?? []) {
    if (check.skipped !== null) lines.push(`Not checked, ${check.id}: ${check.skipped}.`);
  }
  if (input.retired) lines.push('Retired: an erasure deleted its weights; it cannot serve again.');
  if (manifest.data.itemIdSpace !== 'candor') {
    lines.push('Trained on a dataset folder: its items are not catalog items and it cannot serve.');
  }
  lines.push(
    'Metrics are offline, on held-out past interactions: they say how well the version predicts what viewers did, ' +
      'not what they would have liked among things never shown. Watch the drift and fairness monitoring after promotion.',
    "The gate refits the algorithm with these parameters on the protocol's training split; the served artifact was fitted on the whole snapshot.",
  );
  return lines;
}

export function buildModelCard(input: ModelCardInput): ModelCard {
  const { manifest, gate, policy } = input;
  const current = gate?.policyVersion === policy.version;
  const readiness = promotionReadiness(gate, input.signoffs, policy, input.production);
  const evaluation = gate?.evaluation;
  const creatorGroups =
    evaluation?.exposure.find((a) => a.attribute === 'creatorGroup')?.groups.map((g) => g.group) ?? [];
  return {
    modelId: manifest.id,
    generatedAt: input.now.toISOString(),
    policyVersion: policy.version,
    modelDetails: {
      algorithm: manifest.algorithm,
      description: describeAlgorithm(manifest.algorithm),
      parameters: manifest.params,
      createdAt: manifest.createdAt,
      codeVersion: manifest.codeVersion,
      developedBy: 'trained by this Candor deployment on its own store',
      aliases: input.aliases,
      retired: input.retired,
      parent: manifest.parent,
      ancestors: input.ancestors,
    },
    intendedUse: {
      primaryUses: [
        "Ranking catalog items for a viewer who consented to personalization, from their own viewing history, before the serving policy's filters and rerankers.",
        'Finding items similar to an item, and explaining a recommendation by the history items that contributed.',
      ],
      primaryUsers: [
        'Viewers of this catalog, through the service',
        'Analysts and auditors reviewing its behaviour',
      ],
    },
    outOfScopeUses: [
      'Inferring anything about a viewer beyond their taste in this catalog (demographics, health, beliefs).',
      'Viewers who did not consent to personalization: they get the non-profiling feed instead.',
      'Another catalog or population than the one it was trained on, without retraining and a new gate.',
      'Decisions about creators (payment, promotion, removal) based on its exposure alone.',
    ],
    factors: {
      viewerGroupings: evaluation?.fairness.map((frame) => frame.grouping) ?? [],
      creatorGroups,
      notEvaluated: evaluation?.skipped ?? [],
      note: 'Viewer groups: profile kind, activity quartile, and (with consent) gender, age band, occupation and gender × age band. Creator groups: whether an item has a creator who declared belonging to an under-represented group.',
    },
    metrics: {
      measured: gate !== undefined,
      protocol: gate?.protocol ?? { ...policy.policy.promotion.protocol },
      checks: (gate?.checks ?? []).map(({ id, label, value, threshold, comparison, passed, skipped }) => ({
        id,
        label,
        value,
        threshold,
        comparison,
        passed,
        skipped,
      })),
      candidate: gate?.candidate.metrics ?? {},
      baseline:
        gate?.baseline && gate.baselineId
          ? { modelId: gate.baselineId, metrics: gate.baseline.metrics }
          : null,
      variationAcrossGroups: evaluation?.fairness ?? [],
      exposureByItemGroup: evaluation?.exposure ?? [],
    },
    evaluationData: {
      description:
        "The store's interactions at the time of the gate, of the viewers who then consented to model training, split per viewer at random with a fixed seed (the policy's protocol); the same split for the candidate and the production version.",
      protocol: gate?.protocol ?? { ...policy.policy.promotion.protocol },
      sizes: evaluation?.sizes ?? {},
    },
    trainingData: {
      ...manifest.data,
      unlearning: manifest.unlearning,
      description: `A snapshot of ${manifest.data.events} events by ${manifest.data.viewers} viewers over ${manifest.data.items} items, identified by its hash.`,
    },
    governance: {
      gate: gate
        ? {
            id: gate.id,
            passed: gate.passed,
            createdAt: gate.createdAt,
            policyVersion: gate.policyVersion,
            current,
            failures: gate.failures,
          }
        : null,
      signoffs: input.signoffs.map((signoff) => ({ role: signoff.role, at: signoff.at })),
      missingSignoffs: readiness.missingSignoffs,
      readyToPromote: readiness.ready,
      promotionEnforced: policy.policy.promotion.enforce,
    },
    ethicalConsiderations: ethics(input),
    caveatsAndRecommendations: caveats(input, current),
  };
}
