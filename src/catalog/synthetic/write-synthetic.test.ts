import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_KINDS, recordSchemas } from '../catalog-records.js';
import { generateSynthetic } from './generate-synthetic.js';
import type { SyntheticGroundTruth } from './synthetic-ground-truth.js';
import {
  type SyntheticProgress,
  type SyntheticWriteResult,
  writeSyntheticDataset,
} from './write-synthetic.js';

const params = { items: 500, viewers: 400, seed: 11 };
const FILES = [
  'creators.jsonl',
  'genres.jsonl',
  'ground-truth-relevance.jsonl',
  'ground-truth.json',
  'interactions.jsonl',
  'items.jsonl',
  'viewers.jsonl',
];

let root: string;
let first: SyntheticWriteResult;
const progress: SyntheticProgress[] = [];

const dirOf = (name: string) => join(root, name);
const lines = async (dir: string, file: string) => (await readFile(join(dir, file), 'utf8')).split('\n');
async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of (await readdir(dir)).sort()) {
    out[file] = createHash('sha256')
      .update(await readFile(join(dir, file)))
      .digest('hex');
  }
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'candor-synthetic-'));
  first = await writeSyntheticDataset(dirOf('a'), params, (p) => progress.push(p));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeSyntheticDataset', () => {
  it('writes the record files and the ground truth, and reports them', async () => {
    expect((await readdir(dirOf('a'))).sort()).toEqual(FILES);
    expect(first.files.map((f) => f.name).sort()).toEqual(FILES);
    for (const file of first.files) {
      const text = await readFile(file.path);
      expect(file.bytes, file.name).toBe(text.length);
    }
    expect(first.counts).toMatchObject({ items: 500, viewers: 400, genres: 27, relevance: 400 });
  });

  it('writes byte-identical files for the same params', async () => {
    await writeSyntheticDataset(dirOf('b'), params);
    expect(await hashes(dirOf('b'))).toEqual(await hashes(dirOf('a')));
  });

  it('writes different files for another seed', async () => {
    await writeSyntheticDataset(dirOf('c'), { ...params, seed: 12 });
    const [a, c] = [await hashes(dirOf('a')), await hashes(dirOf('c'))];
    for (const file of ['creators.jsonl', 'items.jsonl', 'viewers.jsonl', 'interactions.jsonl']) {
      expect(c[file], file).not.toBe(a[file]);
    }
    expect(c['genres.jsonl']).toBe(a['genres.jsonl']);
  });

  it('writes one native record per line, every field present, in the schema order', async () => {
    for (const kind of RECORD_KINDS) {
      const text = await lines(dirOf('a'), `${kind}.jsonl`);
      expect(text.pop()).toBe('');
      expect(text).toHaveLength(first.counts[kind]);
      for (const line of text) {
        expect(JSON.stringify(recordSchemas[kind].parse(JSON.parse(line)))).toBe(line);
      }
    }
  });

  it('writes the same records generateSynthetic returns', async () => {
    const data = generateSynthetic(params);
    const text = await lines(dirOf('a'), 'interactions.jsonl');
    expect(text.slice(0, -1)).toEqual(data.interactions.map((record) => JSON.stringify(record)));
    const relevance = await lines(dirOf('a'), 'ground-truth-relevance.jsonl');
    expect(relevance.slice(0, -1)).toEqual(data.relevance.map((record) => JSON.stringify(record)));
    const truth = JSON.parse(await readFile(join(dirOf('a'), 'ground-truth.json'), 'utf8'));
    expect(truth).toEqual(JSON.parse(JSON.stringify(data.groundTruth)));
  });

  it('writes a ground truth that names the generator, the params, the bias and the measured shares', async () => {
    const truth: SyntheticGroundTruth = JSON.parse(
      await readFile(join(dirOf('a'), 'ground-truth.json'), 'utf8'),
    );
    expect(truth.generator).toBe('candor-synthetic');
    expect(truth.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(truth.params).toMatchObject({ ...params, exposureBias: 0.5, startDate: '2026-01-01T00:00:00Z' });
    expect(truth.plantedBias.exposureMultiplier).toBe(0.5);
    expect(truth.counts.interactions.total).toBe(first.counts.interactions);
    for (const share of ['catalogShare', 'relevanceShare', 'interactionShare'] as const) {
      expect(truth.measured[share]).toBeGreaterThan(0);
      expect(truth.measured[share]).toBeLessThan(1);
    }
    const relevance = (await lines(dirOf('a'), 'ground-truth-relevance.jsonl'))
      .slice(0, -1)
      .map((l) => JSON.parse(l));
    expect(relevance).toHaveLength(400);
    expect(relevance[0]).toEqual({ viewer: 'viewer-000001', topItems: expect.any(Array) });
  });

  it('reports progress: the generation steps, then each file up to its total', () => {
    expect(progress.filter((p) => p.phase === 'generate').map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
    const lastOf = (file: string) => progress.filter((p) => p.file === file).at(-1);
    expect(lastOf('interactions.jsonl')).toEqual({
      phase: 'write',
      file: 'interactions.jsonl',
      done: first.counts.interactions,
      total: first.counts.interactions,
    });
  });

  it('rejects bad params before writing anything', async () => {
    await expect(writeSyntheticDataset(dirOf('bad'), { underrepresentedShare: 2 })).rejects.toThrow(
      /underrepresentedShare/,
    );
    await expect(readdir(dirOf('bad'))).rejects.toThrow(/ENOENT/);
  });
});
