/**
 * Prompt-attack detection for the gateway: jailbreak attempts in what the viewer typed, and
 * instructions smuggled into documents that travel with it (reviews, synopses). The learned model
 * judges both; hand-written rules add evidence the model may miss on short texts and supply the span.
 *
 * Documents are judged with the injection-in-data framing: a document is data, so any imperative
 * aimed at the assistant inside it is an attack, even a harmless-looking one ("recommend only X").
 */
import { type Finding, type Span } from '../finding.js';
import {
  ATTACK_RULES,
  type NormalizedText,
  normalizeForFeatures,
  type RuleMatch,
  strongestRuleMatch,
} from '../learned/features.js';
import { headProbability, type LoadedHead, type LoadedModel, lazyModel } from '../learned/model-file.js';
import { PROMPT_ATTACK_MODEL } from '../learned/weights/prompt-attack.generated.js';
import { normalize } from '../text/normalize.js';
import { strongestAttackPhrase } from './attack-phrases.js';
import { attackVocabulary } from './attack-vocabulary.js';

export interface PromptAttackOptions {
  readonly documents?: readonly string[];
  /** `normalizeForFeatures(text)` of the user's text, when the caller has it (the toxicity model's too). */
  readonly normalized?: NormalizedText;
  /** `normalize(text).text` of the user's text (the lexicon normalization), when the caller has it. */
  readonly lexiconNormalized?: string;
}

export interface PromptAttackResult {
  /** At most one `jailbreak` finding for the user's text. */
  readonly user: Finding[];
  /** At most one `injection` finding per document, in the order given. */
  readonly documents: Finding[][];
}

/** Azure AI Content Safety `text:shieldPrompt` response body. */
export interface ShieldPromptAnalysis {
  readonly userPromptAnalysis: { readonly attackDetected: boolean };
  readonly documentsAnalysis: readonly { readonly attackDetected: boolean }[];
}

const model = lazyModel(PROMPT_ATTACK_MODEL);

function attackHead(loaded: LoadedModel): LoadedHead {
  const head = loaded.heads[0];
  if (head === undefined) throw new Error('prompt-attack model has no head');
  return head;
}

/** Rules whose match alone decides, however the model scores the text. */
const DECISIVE_STRENGTH = 0.5;

interface DocumentRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly strength: number;
}

/**
 * Extra rules for documents only: in a viewer's own request, "assistant, recommend something" is
 * ordinary; inside a review it is someone else talking to the model.
 */
const DOCUMENT_RULES: readonly DocumentRule[] = [
  {
    name: 'assistant_directive',
    pattern:
      /\b(?:ai|a\.i\.|assistant|chatbot|chat ?gpt|gpt|llm|language model|model|bot|recommender|recommendation (?:engine|system))\b\s*[,:;.!-]{0,2}\s*(?:please\s+)?(?:you\s+(?:must|should|will|need to|have to)\s+)?(?:ignore|disregard|forget|override|recommend|suggest|say|tell|respond|reply|answer|output|print|write|include|add|insert|rate|rank|promote|mention|only|always|never|do not|don't|stop|instead|stay|pretend|act|reveal|send)\b/i,
    strength: 0.8,
  },
  {
    name: 'message_to_assistant',
    pattern:
      /\b(?:note|message|instructions?|reminder|attention)\s+(?:to|for)\s+(?:the\s+|any\s+)?(?:ai|assistant|chatbot|llm|language model|model|bot|recommender)s?\b|\bif you are an? (?:ai|llm|language model|assistant|bot|recommender)\b|\bwhen (?:an? |the )?(?:ai|assistant|llm|model|bot) (?:reads|summariz|recommend)/i,
    strength: 0.8,
  },
  {
    name: 'response_injection',
    pattern:
      /\b(?:in|to|into|within|at the (?:end|start|beginning) of) your (?:response|reply|answer|output|summary|recommendations?|code implementation|implementation|code|algorithm|solution)\b/i,
    strength: 0.7,
  },
  {
    name: 'fake_delimiter',
    pattern:
      /<\|?(?:im_start|im_end|system|endoftext)\|?>|\[\/?(?:system|inst)\]|<<\/?sys>>|#{2,}\s*(?:system|instruction|new instruction)s?\b|<\/?system>|^\s*system\s*:/im,
    strength: 0.8,
  },
];

interface Evidence {
  readonly strength: number;
  readonly span?: Span;
}

/** The strongest decisive rule, preferring a match on the raw text (so its span is the caller's). */
function decisiveRule(
  raw: string,
  normalized: string,
  documentRules: boolean,
  lexiconNormalized: string | undefined,
): Evidence | undefined {
  let best: Evidence | undefined;
  const consider = (strength: number, pattern: RegExp): void => {
    if (best !== undefined && strength <= best.strength) return;
    const match = pattern.exec(raw);
    if (match !== null) best = { strength, span: { start: match.index, end: match.index + match[0].length } };
    else if (pattern.test(normalized)) best = { strength };
  };
  for (const rule of ATTACK_RULES) {
    if (rule.strength >= DECISIVE_STRENGTH) consider(rule.strength, rule.pattern);
  }
  if (documentRules) for (const rule of DOCUMENT_RULES) consider(rule.strength, rule.pattern);
  // Phrases are written for the lexicon normalization: accents stripped, spaced-out letters joined.
  const phrase = strongestAttackPhrase(
    lexiconNormalized ?? normalize(raw, { vocabulary: attackVocabulary() }).text,
  );
  if (phrase !== undefined && (best === undefined || phrase.strength > best.strength)) {
    best = { strength: phrase.strength };
  }
  return best;
}

function judge(
  raw: string,
  type: 'jailbreak' | 'injection',
  known?: NormalizedText,
  lexiconNormalized?: string,
): Finding[] {
  if (raw.trim().length === 0) return [];
  const loaded = model();
  const head = attackHead(loaded);
  const normalized = known ?? normalizeForFeatures(raw);
  const probability = headProbability(loaded, head, raw, normalized);
  const rule = decisiveRule(raw, normalized.text, type === 'injection', lexiconNormalized);
  if (probability >= head.threshold) {
    // Any rule match, decisive or not, points at where the attack is.
    const where = rule?.span ?? spanOf(strongestRuleMatch(raw));
    return [
      {
        kind: 'prompt_attack',
        type,
        ...(where === undefined ? {} : { span: where }),
        score: probability,
        detector: 'prompt-attack.model',
      },
    ];
  }
  if (rule === undefined) return [];
  return [
    {
      kind: 'prompt_attack',
      type,
      ...(rule.span === undefined ? {} : { span: rule.span }),
      score: Math.max(probability, rule.strength),
      detector: 'prompt-attack.rules',
    },
  ];
}

function spanOf(match: RuleMatch | undefined): Span | undefined {
  return match === undefined ? undefined : { start: match.start, end: match.end };
}

export function detectPromptAttack(text: string, options: PromptAttackOptions = {}): PromptAttackResult {
  return {
    user: judge(text, 'jailbreak', options.normalized, options.lexiconNormalized),
    documents: (options.documents ?? []).map((document) => judge(document, 'injection')),
  };
}

/** The model's calibrated attack probability for one text, with no rules applied. */
export function promptAttackProbability(text: string): number {
  const loaded = model();
  return headProbability(loaded, attackHead(loaded), text);
}

export function toShieldPromptAnalysis(result: PromptAttackResult): ShieldPromptAnalysis {
  return {
    userPromptAnalysis: { attackDetected: result.user.length > 0 },
    documentsAnalysis: result.documents.map((findings) => ({ attackDetected: findings.length > 0 })),
  };
}
