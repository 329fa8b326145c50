import type { ImportReport } from '../../import/import-runner.js';

export function formatImportReport(report: ImportReport): string {
  const lines = [`Imported ${report.format} in ${report.seconds}s (batch ${report.batchId})`];
  for (const [kind, count] of Object.entries(report.kinds)) {
    lines.push(
      `  ${kind.padEnd(13)} read ${String(count.read).padStart(9)}   new ${String(count.inserted).padStart(9)}`,
    );
  }
  const dropped = Object.entries(report.dropped);
  if (dropped.length > 0) {
    lines.push('  not kept (data minimization):');
    for (const [field, n] of dropped) lines.push(`    ${field}: ${n}`);
  }
  return lines.join('\n');
}
