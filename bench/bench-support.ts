import { existsSync, mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** The shared development datasets live beside the repository and are never copied into it. */
export function sharedDataset(name: string): string {
  const dir = resolve(
    process.env.CANDOR_SHARED_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data'),
    name,
  );
  if (!existsSync(dir)) {
    process.stderr.write(`dataset not found: ${dir} (set CANDOR_SHARED_DATA to the shared data folder)\n`);
    process.exit(3);
  }
  return dir;
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `candor-bench-${prefix}-`));
}

export const machine = () => ({
  node: process.version,
  cpus: availableParallelism(),
  memoryGiB: Math.round(totalmem() / 2 ** 30),
});
