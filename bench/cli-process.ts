import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', 'dist', 'cli', 'bin.js');

/**
 * Runs the built `candor` CLI in its own process with --json, as a user would, and returns its result
 * with the wall time and the child's peak resident memory.
 */
export function runCandor(
  args: string[],
  env: Record<string, string> = {},
): { result: Record<string, unknown>; seconds: number; peakRssMiB: number } {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      '-e',
      `process.on('exit', () => process.stderr.write('\\n@@rss ' + process.resourceUsage().maxRSS + '\\n')); process.argv.splice(1, 0, ${JSON.stringify(BIN)}); import(${JSON.stringify(BIN)})`,
      '--',
      '--json',
      ...args,
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env } },
  );
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0)
    throw new Error(`candor ${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  const rss = /@@rss (\d+)/.exec(child.stderr)?.[1];
  return {
    result: JSON.parse(child.stdout) as Record<string, unknown>,
    seconds,
    peakRssMiB: rss ? Math.round(Number(rss) / 1024) : -1,
  };
}
