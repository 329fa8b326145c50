import type { BenignReport, StopTally, SuiteReport } from './gateway-report.js';

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');
/** Ids shown in the summary; the report holds them all. */
const SHOWN = 40;

function table(rows: readonly (StopTally & { name: string; evadedPlainStops: number })[]): string[] {
  const width = Math.max(8, ...rows.map((row) => row.name.length));
  return [
    `  ${'mutation'.padEnd(width)}  total  blocked  redacted  through  stopped  evaded`,
    ...rows.map(
      (row) =>
        `  ${row.name.padEnd(width)}  ${String(row.total).padStart(5)}  ${String(row.blocked).padStart(7)}  ` +
        `${String(row.redacted).padStart(8)}  ${String(row.passedThrough).padStart(7)}  ${percent(row.stopRate).padStart(7)}` +
        `  ${String(row.evadedPlainStops).padStart(6)}`,
    ),
    '  (evaded: got through although the same seed unmutated was stopped)',
  ];
}

export function benignLine(benign: BenignReport, goal: number): string {
  return (
    `Benign texts wrongly stopped: ${benign.falsePositives}/${benign.total} ` +
    `(${percent(benign.falsePositiveRate)}; goal at most ${percent(goal)}: ${met(benign.falsePositiveRate <= goal)})`
  );
}

/** The attack variants' summary: stop rate, the table per mutation, and the ids that got through. */
export function suiteSummary(report: {
  kind: string;
  surface: string;
  seeds: number;
  suite: SuiteReport;
  benign: BenignReport;
  goals: { stopRate: number; falsePositiveRate: number; stopRateMet: boolean };
}): string {
  const { suite } = report;
  const through = suite.gotThrough.map((probe) => probe.id);
  return [
    `${report.kind}: ${suite.total} probes from ${report.seeds} seeds (${report.surface}); ` +
      `${percent(suite.stopRate)} stopped (${suite.blocked} blocked, ${suite.redacted} disarmed by redaction), ` +
      `${suite.passedThrough} got through; goal ${percent(report.goals.stopRate)}: ${met(report.goals.stopRateMet)}`,
    benignLine(report.benign, report.goals.falsePositiveRate),
    ...table(suite.byMutation.map((row) => ({ ...row, name: row.mutation }))),
    `  by category: ${suite.byCategory.map((row) => `${row.category} ${percent(row.stopRate)}`).join(', ')}`,
    ...(through.length === 0
      ? []
      : [
          `  got through: ${through.slice(0, SHOWN).join(', ')}` +
            (through.length > SHOWN ? ` and ${through.length - SHOWN} more (see the report)` : ''),
        ]),
  ].join('\n');
}

/** The benign variant's summary: the false-positive rate and every text wrongly stopped (safe to print). */
export function benignSummary(kind: string, benign: BenignReport, goal: number): string {
  const surfaces = Object.entries(benign.bySurface)
    .map(([surface, rate]) => `${surface} ${rate.falsePositives}/${rate.total}`)
    .join(', ');
  return [
    `${kind}: ${benignLine(benign, goal)}; per surface: ${surfaces}`,
    ...benign.wronglyStopped.map(
      (wrong) =>
        `  ${wrong.id} (${wrong.surface}, ${wrong.action}: ${wrong.reasons.join(' ')}): ${wrong.text}`,
    ),
  ].join('\n');
}
