import { countDropped } from '../import-source.js';

export interface DemographicsOptions {
  /** Keep gender and occupation (for fairness audits). Without it they are dropped and counted. */
  demographicsConsent?: boolean | undefined;
}

export interface Demographics {
  demographicsConsent: boolean;
  gender: string | null;
  occupation: string | null;
}

/**
 * Gender and occupation are kept only when the viewer consented to demographics being kept (for
 * fairness audits); otherwise each value the source had is dropped and counted as `viewers.<field>`.
 */
export function minimizeDemographics(
  consent: boolean,
  values: { gender?: string | null; occupation?: string | null },
  dropped: Map<string, number>,
): Demographics {
  const keep = (field: 'gender' | 'occupation'): string | null => {
    const value = values[field]?.trim();
    if (!value) return null;
    if (consent) return value;
    countDropped(dropped, `viewers.${field}`);
    return null;
  };
  return { demographicsConsent: consent, gender: keep('gender'), occupation: keep('occupation') };
}
