import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes the PDF next to its destination under a temporary name and renames it into place, so the
 * destination holds the whole scorecard or is left as it was, never half a file.
 */
export function writeFileAtomically(path: string, bytes: Buffer): void {
  const staging = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    writeFileSync(staging, bytes, { flag: 'wx' });
    renameSync(staging, path);
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
}
