import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedteamResult } from '../redteam-family.js';

export interface RedteamRun {
  id: string;
  startedAt: string;
  results: RedteamResult[];
}

/**
 * Writes a run's JSON report (`report.json`, every result in full) and its readable summary
 * (`summary.md`) into `<dir>/<run id>/`, whole or not at all, and returns that folder.
 */
export function writeRedteamReport(dir: string, run: RedteamRun): string {
  const folder = join(dir, run.id);
  const staging = `${folder}.partial`;
  mkdirSync(staging, { recursive: true });
  const passed = run.results.every((result) => result.passed !== false);
  writeFileSync(
    join(staging, 'report.json'),
    `${JSON.stringify({ id: run.id, startedAt: run.startedAt, passed, results: run.results.map((r) => ({ kind: r.kind, passed: r.passed, ...r.report })) }, null, 2)}\n`,
  );
  const sections = run.results.map((result) => `## ${result.kind}\n\n\`\`\`\n${result.summary}\n\`\`\`\n`);
  writeFileSync(
    join(staging, 'summary.md'),
    `# Red team run ${run.id}\n\nStarted ${run.startedAt}; goals ${passed ? 'met' : 'NOT met'} in every run: ${passed}.\n\n${sections.join('\n')}`,
  );
  renameSync(staging, folder);
  return folder;
}
