import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  modelsDir,
  readAliases,
  readArtifact,
  setAlias,
  writeArtifact,
} from '../../src/models/model-artifact.js';
import { tempDir } from '../support/dataset-fixtures.js';

const manifest = {
  algorithm: 'popularity',
  params: { count: 'viewers' },
  data: {
    snapshotHash: 'abc',
    events: 3,
    viewers: 2,
    items: 3,
    lastEventAt: null,
    source: 'store',
    itemIdSpace: 'candor' as const,
  },
  metrics: {},
  codeVersion: '0.0.0',
  parent: null,
};

describe('model artifacts', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = tempDir('candor-artifact-');
    dirs.push(dir);
    return dir;
  };

  it('round-trips arrays of every element type and odd lengths exactly', () => {
    const dir = dataDir();
    const arrays = {
      a: Float32Array.from([1.5, -2.25, 3]),
      b: Float64Array.from([Math.PI, 1e-300, -0]),
      c: Int32Array.from([7, -8, 2 ** 31 - 1, 0, 5]),
      d: new Float64Array(0),
    };
    const written = writeArtifact(dir, manifest, ['i1', 'i2', 'i3'], arrays);
    const read = readArtifact(dir, written.id);
    expect(read.manifest).toEqual(written);
    expect(read.itemIds).toEqual(['i1', 'i2', 'i3']);
    for (const [name, array] of Object.entries(arrays)) {
      const back = read.arrays.get(name);
      expect(back?.constructor).toBe(array.constructor);
      expect([...(back ?? [])]).toEqual([...array]);
    }
    expect(readdirSync(modelsDir(dir)).some((name) => name.endsWith('.partial'))).toBe(false);
  });

  it('refuses a truncated weights file instead of reading garbage', () => {
    const dir = dataDir();
    const written = writeArtifact(dir, manifest, ['i1'], { a: new Float64Array(16) });
    writeFileSync(join(modelsDir(dir), written.id, 'weights.bin'), Buffer.alloc(10));
    expect(() => readArtifact(dir, written.id)).toThrow(/shorter than its manifest/);
  });

  it('keeps aliases in one file, replaced whole', () => {
    const dir = dataDir();
    expect(readAliases(dir)).toEqual({});
    setAlias(dir, 'production', 'm1');
    setAlias(dir, 'candidate', 'm2');
    setAlias(dir, 'production', 'm3');
    expect(readAliases(dir)).toEqual({ production: 'm3', candidate: 'm2' });
    expect(existsSync(join(modelsDir(dir), 'aliases.json.tmp'))).toBe(false);
  });
});
