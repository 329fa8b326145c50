import { execFileSync } from 'node:child_process';

/** Builds the web app once for the suite, as `npm run build` does, so that the tests see this source. */
export default function setup(): void {
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}
