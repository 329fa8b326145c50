import { type Finding } from '../finding.js';

/** The PII types this package can report; also the keys anonymize operators are chosen by. */
export const PII_TYPES = [
  'email',
  'phone',
  'credit_card',
  'iban',
  'ip_address',
  'mac_address',
  'us_ssn',
  'uk_nhs',
  'ca_sin',
  'nl_bsn',
  'es_nif',
  'in_aadhaar',
  'fr_nir',
  'url',
  'street_address',
  'person_name',
] as const;

export type PiiType = (typeof PII_TYPES)[number];

export interface PiiRecognizer {
  readonly type: PiiType;
  detect(text: string): Finding[];
}

/** Scores are clamped so context boosts can be added without each recognizer re-checking bounds. */
export function piiFinding(type: PiiType, start: number, end: number, score: number): Finding {
  return {
    kind: 'pii',
    type,
    span: { start, end },
    score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000,
    detector: `pii.${type}`,
  };
}
