import type { AccessReport } from './access-report.js';

const counts = (byStatus: Readonly<Record<string, number>>): string =>
  Object.entries(byStatus)
    .map(([status, n]) => `${status === '0' ? 'closed' : status} x${n}`)
    .join(', ') || 'none';

/** A few lines for a person: attempts, refusals, checks, and every attack that got somewhere. */
export function accessSummary(kind: string, report: AccessReport, notes: readonly string[]): string {
  const failedChecks = report.checks.filter((check) => !check.passed).length;
  return [
    `${kind}: ${report.attempts} attempts against a disposable copy of the data; ` +
      `${report.successes.length} succeeded (goal: none)`,
    `  refused: ${counts(report.refusalsByStatus)}; answered (read for leaks): ${counts(report.answeredByStatus)}`,
    `  checks on the state afterwards: ${report.checks.length - failedChecks} of ${report.checks.length} held`,
    ...report.successes.map(
      (s) =>
        `  SUCCEEDED: ${s.name}${s.method === 'CHECK' ? '' : ` (${s.method} ${s.path} -> ${s.status})`}: ${s.reasons.join('; ')}`,
    ),
    ...notes.map((note) => `  setup note: ${note}`),
  ].join('\n');
}
