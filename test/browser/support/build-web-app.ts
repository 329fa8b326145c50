import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Builds the web app once for the suite from this source, into a folder of its own that the servers the
 * tests start serve (CANDOR_WEB_DIR, inherited by the test processes): a concurrent `npm run build`
 * cannot swap the files under a running test.
 */
export default function setup(): () => void {
  const outDir = mkdtempSync(join(tmpdir(), 'candor-web-build-'));
  execFileSync(
    'npx',
    [
      'vite',
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    { stdio: 'inherit' },
  );
  process.env.CANDOR_WEB_DIR = outDir;
  return () => rmSync(outDir, { recursive: true, force: true });
}
