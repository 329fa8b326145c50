import type { Finding } from '../finding.js';
import type { BlocklistMatcher } from '../blocklist/blocklist.js';
import { detectHarm } from '../harm/detect-harm.js';
import { createProfanityDetector } from '../harm/detect-profanity.js';
import { detectHiddenContent } from '../hidden/detect-hidden-content.js';
import { normalizeForFeatures } from '../learned/features.js';
import { scoreToxicity } from '../learned/toxicity.js';
import { detectPii } from '../pii/detect-pii.js';
import { detectPromptAttack } from '../prompt-attack/detect-prompt-attack.js';
import type { SafetySurface } from '../safety-policy.js';
import { decodedViews } from '../text/decoded-views.js';
import { normalize, type NormalizedText } from '../text/normalize.js';
import { safetyVocabulary } from './safety-vocabulary.js';
import type { HarmAndAttackProvider } from '../providers/safety-provider.js';
import type { InspectOptions, Inspection } from './inspection.js';

const profanity = createProfanityDetector();

/** Findings of the detectors that always run in-process: personal data, hidden content, profanity, blocklists. */
function localFindings(
  text: string,
  normalized: NormalizedText,
  surface: SafetySurface,
  blocklist: BlocklistMatcher | undefined,
  options: InspectOptions,
): Finding[] {
  return [
    ...detectPii(text, { minScore: options.piiMinScore ?? 0.5 }),
    ...detectHiddenContent(text),
    ...profanity(text, normalized),
    ...(blocklist ? blocklist.match(text, surface, normalized) : []),
  ];
}

/**
 * The full inspection with the built-in detectors, synchronously: what the gateway runs on every text
 * when the policy's provider is `local` (the default), and what the benchmark times.
 */
export function inspectLocally(
  text: string,
  surface: SafetySurface,
  blocklist: BlocklistMatcher | undefined,
  options: InspectOptions = {},
): Inspection {
  // Normalized once for every lexicon detector: it is the costliest step they share.
  const normalized = normalize(text, { vocabulary: safetyVocabulary() });
  // The learned models read a lighter normalization of their own, also computed once for both.
  const forFeatures = normalizeForFeatures(text);
  const harm = detectHarm(text, { toxicity: (t) => scoreToxicity(t, forFeatures), normalized });
  const findings = [...localFindings(text, normalized, surface, blocklist, options), ...harm.findings];
  const categories = harm.categories.map((entry) => ({ ...entry }));
  const views = decodedViews(text);
  for (const view of views) {
    const decoded = detectHarm(view, { toxicity: scoreToxicity });
    findings.push(...decoded.findings.map(withoutSpan));
    for (const entry of decoded.categories) {
      const known = categories.find((c) => c.category === entry.category);
      if (known !== undefined && entry.severity > known.severity) known.severity = entry.severity;
    }
  }
  let promptAttack = { user: false, documents: (options.documents ?? []).map(() => false) };
  if (options.promptAttacks ?? true) {
    const attacks = detectPromptAttack(text, {
      documents: options.documents ?? [],
      normalized: forFeatures,
      lexiconNormalized: normalized.text,
    });
    // An encoded payload is judged as what it says: its spans lie in the decoding, not in the text.
    const decodedAttacks =
      attacks.user.length > 0 ? [] : views.flatMap((view) => detectPromptAttack(view).user);
    findings.push(
      ...attacks.user,
      ...decodedAttacks.slice(0, 1).map(withoutSpan),
      ...attacks.documents.flat(),
    );
    promptAttack = {
      user: attacks.user.length > 0 || decodedAttacks.length > 0,
      documents: attacks.documents.map((found) => found.length > 0),
    };
  }
  return { findings, categories, promptAttack, provider: 'local' };
}

/** A finding made on a decoded view, whose span would point into the decoding rather than the text. */
function withoutSpan(finding: Finding): Finding {
  const { span: _span, ...rest } = finding;
  return { ...rest, detector: `${finding.detector}+decoded` };
}

/** The same inspection with harm and prompt attacks judged by another provider (Azure AI Content Safety). */
export async function inspectWith(
  provider: HarmAndAttackProvider,
  text: string,
  surface: SafetySurface,
  blocklist: BlocklistMatcher | undefined,
  options: InspectOptions = {},
): Promise<Inspection> {
  const [categories, attacks] = await Promise.all([
    provider.analyzeHarm(text),
    (options.promptAttacks ?? true)
      ? provider.shieldPrompt(text, options.documents ?? [])
      : Promise.resolve({ user: false, documents: (options.documents ?? []).map(() => false) }),
  ]);
  const normalized = normalize(text, { vocabulary: safetyVocabulary() });
  const findings = localFindings(text, normalized, surface, blocklist, options);
  for (const { category, severity } of categories) {
    if (severity > 0)
      findings.push({ kind: 'harm', type: category, score: 1, severity, detector: provider.name });
  }
  if (attacks.user)
    findings.push({ kind: 'prompt_attack', type: 'jailbreak', score: 1, detector: provider.name });
  attacks.documents.forEach((attack) => {
    if (attack)
      findings.push({ kind: 'prompt_attack', type: 'injection', score: 1, detector: provider.name });
  });
  return { findings, categories, promptAttack: attacks, provider: provider.name };
}
