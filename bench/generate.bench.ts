import { rmSync } from 'node:fs';
import { machine, scratchDir } from './bench-support.js';
import { runCandor } from './cli-process.js';

/** `candor generate --items 5000 --viewers 20000 --seed 7` end to end (write the files, import them). */
export async function run(): Promise<Record<string, unknown>> {
  const dataDir = scratchDir('generate');
  try {
    const { result, seconds, peakRssMiB } = runCandor([
      '--data-dir',
      dataDir,
      'generate',
      '--items',
      '5000',
      '--viewers',
      '20000',
      '--seed',
      '7',
    ]);
    const imported = result.import as { seconds: number; kinds: { interactions: { inserted: number } } };
    return {
      command: 'candor generate --items 5000 --viewers 20000 --seed 7',
      goal: 'under 30 s',
      wallSeconds: Number(seconds.toFixed(3)),
      generateSeconds: result.generateSeconds,
      importSeconds: imported.seconds,
      importEventsPerSecond: Math.round(imported.kinds.interactions.inserted / imported.seconds),
      counts: result.counts,
      peakRssMiB,
      machine: machine(),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
