import type { BenignOutcome, ProbeOutcome } from './run-probes.js';

/** The goals issue 10 sets for the gateway. */
export const GATEWAY_GOALS = { stopRate: 0.95, falsePositiveRate: 0.05 };

export interface StopTally {
  readonly total: number;
  readonly stopped: number;
  readonly blocked: number;
  /** Stopped by a redaction that removed what mattered (see verdictOf). */
  readonly redacted: number;
  readonly passedThrough: number;
  readonly stopRate: number;
}

const round = (x: number): number => Number(x.toFixed(4));

export function tally(outcomes: readonly Pick<ProbeOutcome, 'verdict'>[]): StopTally {
  const blocked = outcomes.filter((o) => o.verdict === 'blocked').length;
  const redacted = outcomes.filter((o) => o.verdict === 'redacted').length;
  const total = outcomes.length;
  return {
    total,
    stopped: blocked + redacted,
    blocked,
    redacted,
    passedThrough: total - blocked - redacted,
    stopRate: total === 0 ? 0 : round((blocked + redacted) / total),
  };
}

function groupedTally<K extends string>(
  outcomes: readonly ProbeOutcome[],
  key: (outcome: ProbeOutcome) => string,
  label: K,
): (Record<K, string> & StopTally)[] {
  const groups = new Map<string, ProbeOutcome[]>();
  for (const outcome of outcomes) {
    const name = key(outcome);
    groups.set(name, [...(groups.get(name) ?? []), outcome]);
  }
  return [...groups].map(
    ([name, group]) => ({ [label]: name, ...tally(group) }) as Record<K, string> & StopTally,
  );
}

/**
 * Probes of a mutation that got through although the same seed, unmutated, was stopped: what the disguise
 * itself achieved, apart from seeds the gateway misses anyway.
 */
function evadedPlainStops(outcomes: readonly ProbeOutcome[], mutation: string): number {
  const stoppedPlain = new Set(
    outcomes.filter((o) => o.mutation === 'plain' && o.verdict !== 'passed').map((o) => o.seed),
  );
  return outcomes.filter((o) => o.mutation === mutation && o.verdict === 'passed' && stoppedPlain.has(o.seed))
    .length;
}

/** Stop rates overall, per mutation and per seed category, and every probe that got through (by id, no text). */
export function suiteReport(outcomes: readonly ProbeOutcome[]) {
  return {
    ...tally(outcomes),
    byMutation: groupedTally(outcomes, (o) => o.mutation, 'mutation').map((row) => ({
      ...row,
      evadedPlainStops: evadedPlainStops(outcomes, row.mutation),
    })),
    byCategory: groupedTally(outcomes, (o) => o.category, 'category'),
    gotThrough: outcomes
      .filter((o) => o.verdict === 'passed')
      .map(({ id, seed, category, mutation, surface, action, reasons }) => ({
        id,
        seed,
        category,
        mutation,
        surface,
        action,
        reasons,
      })),
  };
}
export type SuiteReport = ReturnType<typeof suiteReport>;

/** False positives on benign texts, overall and per surface and category, with the texts wrongly stopped. */
export function benignReport(outcomes: readonly BenignOutcome[]) {
  const rate = (group: readonly BenignOutcome[]) => {
    const falsePositives = group.filter((o) => o.verdict !== 'passed').length;
    return {
      total: group.length,
      falsePositives,
      falsePositiveRate: group.length === 0 ? 0 : round(falsePositives / group.length),
    };
  };
  const by = (key: (o: BenignOutcome) => string) =>
    Object.fromEntries(
      [...new Set(outcomes.map(key))].map((name) => [name, rate(outcomes.filter((o) => key(o) === name))]),
    );
  return {
    ...rate(outcomes),
    bySurface: by((o) => o.surface),
    byCategory: by((o) => o.category),
    wronglyStopped: outcomes
      .filter((o) => o.verdict !== 'passed')
      .map(({ id, surface, category, text, action, reasons }) => ({
        id,
        surface,
        category,
        text,
        action,
        reasons,
      })),
    /** Let through but rewritten (personal data, hidden characters): not false positives, worth a look. */
    rewritten: outcomes.filter((o) => o.verdict === 'passed' && o.action === 'redact').map((o) => o.id),
  };
}
export type BenignReport = ReturnType<typeof benignReport>;
