import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/main.js';
import { machine, peakRss, scratchDir } from './bench-support.js';

/** `candor generate --items 5000 --viewers 20000 --seed 7` end to end: write the files and import them. */
export async function run(): Promise<Record<string, unknown>> {
  const dataDir = scratchDir('generate');
  const rss = peakRss();
  const started = performance.now();
  const originalWrite = process.stdout.write.bind(process.stdout);
  let output = '';
  process.stdout.write = ((chunk: string) => {
    output += chunk;
    return true;
  }) as typeof process.stdout.write;
  let code: number;
  try {
    code = await runCli([
      'node',
      'candor',
      '--json',
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
  } finally {
    process.stdout.write = originalWrite;
  }
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(output) as {
    counts: Record<string, number>;
    generateSeconds: number;
    import: { seconds: number };
  };
  rmSync(join(dataDir), { recursive: true, force: true });
  return {
    command: 'candor generate --items 5000 --viewers 20000 --seed 7',
    goal: 'under 30 s',
    exitCode: code,
    seconds: Number(seconds.toFixed(3)),
    generateSeconds: result.generateSeconds,
    importSeconds: result.import?.seconds,
    counts: result.counts,
    peakRssMiB: rss.stop(),
    machine: machine(),
  };
}
