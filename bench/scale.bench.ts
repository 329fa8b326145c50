import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { machine, scratchDir } from './bench-support.js';
import { runCandor } from './cli-process.js';

/**
 * A 10,000-item catalog: generate it (50,000 viewers), then fit implicit ALS on it from the files with
 * `candor train --data`, and report the fit time and peak memory. EASE refuses catalogs this size by
 * design (dense n x n solve); ALS is the model for them.
 */
export async function run(): Promise<Record<string, unknown>> {
  const dataDir = scratchDir('scale');
  const out = join(dataDir, 'catalog');
  try {
    const generated = runCandor([
      '--data-dir',
      dataDir,
      'generate',
      '--items',
      '10000',
      '--viewers',
      '50000',
      '--seed',
      '3',
      '--out',
      out,
      '--no-import',
    ]);
    const trained = runCandor(['--data-dir', dataDir, 'train', '--data', out, '--algo', 'ials']);
    const data = trained.result.data as { events: number; viewers: number; items: number };
    return {
      command: 'candor train --data <10k-item synthetic catalog> --algo ials',
      goal: 'some model fits a 10,000-item catalog in under 60 s',
      items: data.items,
      viewers: data.viewers,
      events: data.events,
      generateSeconds: Number(generated.seconds.toFixed(3)),
      trainSeconds: trained.result.seconds,
      trainWallSeconds: Number(trained.seconds.toFixed(3)),
      trainPeakRssMiB: trained.peakRssMiB,
      machine: machine(),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
