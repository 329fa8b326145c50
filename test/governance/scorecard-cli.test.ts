import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainModel } from '../../src/models/train-model.js';
import { openStore } from '../../src/store/open-store.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { candor } from '../support/run-cli.js';

const UNKNOWN_VERSION = '01900000-0000-7000-8000-000000000000';

let data: string;
let bare: string;
let out: string;
let production: string;
let candidate: string;

beforeAll(async () => {
  data = tempDir('candor-scorecard-cli-');
  bare = tempDir('candor-scorecard-bare-');
  out = tempDir('candor-scorecard-out-');
  for (const dir of [data, bare]) {
    const generated = await candor(
      '--data-dir',
      dir,
      'generate',
      '--items',
      '60',
      '--viewers',
      '30',
      '--seed',
      '7',
    );
    expect(generated.code).toBe(0);
  }
  const store = await openStore({ dataDir: data });
  try {
    production = (await trainModel(store, data, { algorithm: 'popularity', alias: 'production' })).manifest
      .id;
    candidate = (await trainModel(store, data, { algorithm: 'ease', alias: 'candidate' })).manifest.id;
  } finally {
    await store.close();
  }
});

afterAll(() => {
  for (const dir of [data, bare, out]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('candor scorecard', () => {
  it('writes the production model scorecard by default', async () => {
    const file = join(out, 'production.pdf');
    const run = await candor('--data-dir', data, 'scorecard', '--out', file);
    expect(run.stderr).not.toMatch(/candor: /);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(production);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Only the finished file is left in the folder: no staging copy.
    expect(readdirSync(out).filter((name) => name.includes('production'))).toEqual(['production.pdf']);
  });

  it('writes a named version and prints its figures with --json', async () => {
    const file = join(out, 'candidate.pdf');
    const run = await candor('--data-dir', data, '--json', 'scorecard', '--model', candidate, '--out', file);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.out).toBe(file);
    expect(result.bytes).toBe(readFileSync(file).length);
    expect(result.scorecard.model).toMatchObject({
      id: candidate,
      algorithm: 'ease',
      aliases: ['candidate'],
    });
    expect(result.scorecard.gateNote).toBe('not gated yet');
  });

  it('refuses an unknown or malformed --model and leaves an existing file as it was', async () => {
    const file = join(out, 'kept.pdf');
    writeFileSync(file, 'earlier scorecard');
    for (const model of [UNKNOWN_VERSION, 'not-a-version']) {
      const run = await candor('--data-dir', data, 'scorecard', '--model', model, '--out', file);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/candor: --model/);
    }
    expect(readFileSync(file, 'utf8')).toBe('earlier scorecard');
  });

  it('asks for --model when nothing is in production', async () => {
    const file = join(out, 'none.pdf');
    const run = await candor('--data-dir', bare, 'scorecard', '--out', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no model is in production.*--model/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses an --out in a folder that does not exist, and a missing --out', async () => {
    const missing = await candor('--data-dir', data, 'scorecard', '--out', join(out, 'nowhere', 'x.pdf'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--out/);
    mkdirSync(join(out, 'a-folder'));
    const folder = await candor('--data-dir', data, 'scorecard', '--out', join(out, 'a-folder'));
    expect(folder.code).toBe(2);
    const none = await candor('--data-dir', data, 'scorecard');
    expect(none.code).toBe(2);
  });
});
