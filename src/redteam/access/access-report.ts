import type { AttemptOutcome } from './access-attempt.js';

const countBy = (values: readonly number[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
};

/** Every attempt counted, refusals by status, and the attacks that got somewhere (the goal: none). */
export function accessReport(outcomes: readonly AttemptOutcome[]) {
  const requests = outcomes.filter((o) => o.method !== 'CHECK');
  const checks = outcomes.filter((o) => o.method === 'CHECK');
  return {
    attempts: requests.length,
    mustRefuse: requests.filter((o) => o.mustRefuse).length,
    refused: requests.filter((o) => o.refused).length,
    refusalsByStatus: countBy(requests.filter((o) => o.refused).map((o) => o.status)),
    /** Attempts allowed to answer (A's own data with B's id in a field), by status: each read for leaks. */
    answeredByStatus: countBy(requests.filter((o) => !o.refused).map((o) => o.status)),
    checks: checks.map(({ name, success, reasons }) => ({ name, passed: !success, reasons })),
    successes: outcomes
      .filter((o) => o.success)
      .map(({ name, method, path, status, reasons }) => ({ name, method, path, status, reasons })),
  };
}
export type AccessReport = ReturnType<typeof accessReport>;
