import type { Finding, FindingKind, HarmCategory } from '../finding.js';
import type { Inspection } from '../inspect/inspection.js';
import { anonymize, type AnonymizeOperator } from '../pii/anonymize.js';
import type { RedactionOperator, SafetyAction, SafetySurface, SurfacePolicy } from '../safety-policy.js';

export interface SafetyReason {
  readonly kind: FindingKind;
  readonly type: string;
  readonly action: Exclude<SafetyAction, 'allow'>;
  /** Shown to the viewer: says what was found, never quotes it. */
  readonly message: string;
  readonly severity?: number;
}

export interface SafetyDecision {
  readonly surface: SafetySurface;
  readonly action: SafetyAction;
  /** The text to use: redacted where the policy says so; null when blocked. */
  readonly text: string | null;
  readonly reasons: readonly SafetyReason[];
  readonly categories: Inspection['categories'];
  readonly promptAttack: Inspection['promptAttack'];
  readonly provider: string;
  /** How many findings of each `kind:type` (for audit and metrics; no text). */
  readonly findingCounts: Readonly<Record<string, number>>;
  /** Rewritten spans, offsets in `text`. */
  readonly redactions: readonly { type: string; start: number; end: number; operator: string }[];
}

const HARM_WORDS: Record<HarmCategory, string> = {
  hate: 'hateful or demeaning language',
  sexual: 'sexual content',
  violence: 'violent content',
  self_harm: 'content about self-harm',
};

const PII_WORDS: Record<string, string> = {
  email: 'an e-mail address',
  phone: 'a phone number',
  credit_card: 'a payment card number',
  iban: 'a bank account number (IBAN)',
  ip_address: 'an IP address',
  mac_address: 'a device (MAC) address',
  url: 'a link',
  street_address: 'a street address',
  person_name: 'a person’s name',
};

function messageFor(
  finding: Pick<Finding, 'kind' | 'type' | 'severity'>,
  action: 'redact' | 'block',
): string {
  const verb = action === 'block' ? 'contains' : 'contained';
  switch (finding.kind) {
    case 'harm':
      return `The text ${verb} ${HARM_WORDS[finding.type as HarmCategory] ?? finding.type} (severity ${finding.severity ?? 0} of 7).`;
    case 'prompt_attack':
      return finding.type === 'injection'
        ? 'A document passed along contains instructions aimed at the assistant.'
        : 'The text looks like an attempt to override the assistant’s instructions.';
    case 'pii':
      return `The text ${verb} ${PII_WORDS[finding.type] ?? 'an identity number'}; personal data is not accepted here.`;
    case 'hidden':
      return `The text ${verb} hidden or invisible characters.`;
    case 'profanity':
      return `The text ${verb} profanity.`;
    case 'blocklist':
      return `The text ${verb} a term that is not allowed here.`;
  }
}

function toAnonymizeOperator(operator: RedactionOperator, key: Buffer): AnonymizeOperator {
  switch (operator.kind) {
    case 'replace':
      return { kind: 'replace', ...(operator.value === undefined ? {} : { value: operator.value }) };
    case 'mask':
      return { kind: 'mask', char: operator.char ?? '*', keepLast: operator.keepLast ?? 0 };
    case 'hash':
      return { kind: 'hash', key };
    case 'encrypt':
      return { kind: 'encrypt', key };
  }
}

/**
 * Applies one surface's policy to an inspection: each finding is allowed, redacted or blocks the text.
 * One block wins over any redaction. Redactions are applied to the original text in one pass, merging
 * overlaps (a card number inside a blocklisted phrase is rewritten once).
 */
export function decide(
  text: string,
  inspection: Inspection,
  surface: SafetySurface,
  policy: SurfacePolicy,
  redactionKey: Buffer,
): SafetyDecision {
  const reasons = new Map<string, SafetyReason>();
  const toRedact: Finding[] = [];
  const operators: Record<string, AnonymizeOperator> = {};
  const note = (finding: Pick<Finding, 'kind' | 'type' | 'severity'>, action: 'redact' | 'block') => {
    const key = `${action}:${finding.kind}:${finding.type}`;
    const previous = reasons.get(key);
    if (previous && (previous.severity ?? 0) >= (finding.severity ?? 0)) return;
    reasons.set(key, {
      kind: finding.kind,
      type: finding.type,
      action,
      message: messageFor(finding, action),
      ...(finding.severity === undefined ? {} : { severity: finding.severity }),
    });
  };
  const redact = (finding: Finding, label: string, operator: AnonymizeOperator) => {
    if (!finding.span) return;
    toRedact.push({ ...finding, type: label });
    operators[label] = operator;
    note(finding, 'redact');
  };

  for (const { category, severity } of inspection.categories) {
    if (severity >= policy.harmBlockAt[category]) note({ kind: 'harm', type: category, severity }, 'block');
  }
  const counts: Record<string, number> = {};
  for (const finding of inspection.findings) {
    const countKey = `${finding.kind}:${finding.type}`;
    counts[countKey] = (counts[countKey] ?? 0) + 1;
    switch (finding.kind) {
      case 'harm':
        break; // decided per category above, from the provider's severities
      case 'prompt_attack':
        if (policy.promptAttack === 'block') note(finding, 'block');
        break;
      case 'pii': {
        const rule = policy.pii.byType[finding.type] ?? policy.pii.default;
        if (finding.score < policy.pii.minScore || rule.action === 'allow') break;
        if (rule.action === 'block') note(finding, 'block');
        else redact(finding, `pii:${finding.type}`, toAnonymizeOperator(rule.operator, redactionKey));
        break;
      }
      case 'hidden':
        if (policy.hidden === 'block') note(finding, 'block');
        else if (policy.hidden === 'redact') redact(finding, 'hidden', { kind: 'replace', value: '' });
        break;
      case 'profanity':
        if (policy.profanity === 'block') note(finding, 'block');
        else if (policy.profanity === 'redact') redact(finding, 'profanity', { kind: 'mask', char: '*' });
        break;
      case 'blocklist':
        if (policy.blocklist === 'block') note(finding, 'block');
        else redact(finding, 'blocklist', { kind: 'mask', char: '*' });
        break;
    }
  }
  const all = [...reasons.values()];
  const blocked = all.filter((reason) => reason.action === 'block');
  const base = {
    surface,
    categories: inspection.categories,
    promptAttack: inspection.promptAttack,
    provider: inspection.provider,
    findingCounts: counts,
  };
  if (blocked.length > 0) return { ...base, action: 'block', text: null, reasons: blocked, redactions: [] };
  if (toRedact.length === 0) return { ...base, action: 'allow', text, reasons: [], redactions: [] };
  const rewritten = anonymize(text, toRedact, operators);
  return {
    ...base,
    action: 'redact',
    text: rewritten.text,
    reasons: all,
    redactions: rewritten.items.map((item) => ({ ...item })),
  };
}
