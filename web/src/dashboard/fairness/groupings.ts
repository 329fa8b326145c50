/** Readable names of the audit's viewer groupings (run-audit.ts AUDIT_GROUPINGS). */
const GROUPING_NAMES: Record<string, string> = {
  gender: 'Gender',
  ageBand: 'Age band',
  occupation: 'Occupation',
  profileKind: 'Profile kind',
  activity: 'Activity (training interactions)',
  'gender|ageBand': 'Gender × age band',
};

export const groupingName = (attribute: string): string => GROUPING_NAMES[attribute] ?? attribute;
