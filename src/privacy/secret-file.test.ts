import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from './secret-file.js';

const run = promisify(execFile);
const dataDir = () => mkdtempSync(join(tmpdir(), 'candor-secret-'));

describe('loadOrCreateSecret', () => {
  it('creates a 32-byte secret once, readable by its owner only, and returns it ever after', () => {
    const dir = dataDir();
    const first = loadOrCreateSecret(dir, 'test');
    expect(first).toHaveLength(32);
    expect(loadOrCreateSecret(dir, 'test').equals(first)).toBe(true);
    expect(statSync(join(dir, 'secrets', 'test.key')).mode & 0o777).toBe(0o600);
    // No draft is left behind.
    expect(readdirSync(join(dir, 'secrets'))).toEqual(['test.key']);
  });

  it('gives processes starting together one secret, none of them a half-written file', async () => {
    const dir = dataDir();
    const startAt = Date.now() + 4000;
    const module = pathToFileURL(join(import.meta.dirname, 'secret-file.ts')).href;
    const script =
      `const { loadOrCreateSecret } = await import(${JSON.stringify(module)});` +
      // Every process starts its rounds at the same instant, so that they race for each file.
      `while (Date.now() < ${startAt}) {}` +
      'const out = [];' +
      'for (let round = 0; round < 200; round += 1) {' +
      `  try { out.push(loadOrCreateSecret(${JSON.stringify(dir)}, 'race-' + round).toString('hex')); }` +
      "  catch (error) { out.push('error: ' + error.message); }" +
      '}' +
      'console.log(JSON.stringify(out));';
    const runs = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { stdout } = await run(process.execPath, [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
        ]);
        return JSON.parse(stdout) as string[];
      }),
    );
    for (let round = 0; round < 200; round += 1) {
      const seen = new Set(runs.map((results) => results[round]));
      expect([...seen]).toEqual([loadOrCreateSecret(dir, `race-${round}`).toString('hex')]);
    }
    expect(readdirSync(join(dir, 'secrets')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('refuses a secret file that is too short, and a short secret from the environment', () => {
    const dir = dataDir();
    loadOrCreateSecret(dir, 'short');
    writeFileSync(join(dir, 'secrets', 'short.key'), Buffer.from('tiny').toString('base64'));
    expect(() => loadOrCreateSecret(dir, 'short')).toThrow(/holds fewer than 32 bytes/);
    process.env.CANDOR_TEST_SHORT_SECRET = Buffer.from('tiny').toString('base64');
    try {
      expect(() => loadOrCreateSecret(dir, 'env', 'CANDOR_TEST_SHORT_SECRET')).toThrow(
        /CANDOR_TEST_SHORT_SECRET must hold at least 32 bytes/,
      );
      expect(existsSync(join(dir, 'secrets', 'env.key'))).toBe(false);
    } finally {
      delete process.env.CANDOR_TEST_SHORT_SECRET;
    }
  });
});
