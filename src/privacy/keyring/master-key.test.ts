import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMasterKeys, masterKeyOf } from './master-key.js';

const posix = process.platform !== 'win32';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'candor-master-key-'));
}

function keyFile(dir: string, name: string, key: Buffer, mode = 0o600): string {
  const file = join(dir, name);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode });
  chmodSync(file, mode);
  return file;
}

describe('masterKeyOf', () => {
  it('names a key by 16 hex characters that do not reveal it', () => {
    const key = randomBytes(32);
    const master = masterKeyOf(key);
    expect(master.id).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyOf(Buffer.from(key)).id).toBe(master.id);
    expect(masterKeyOf(randomBytes(32)).id).not.toBe(master.id);
    expect(key.toString('hex')).not.toContain(master.id);
  });
});

describe('loadMasterKeys', () => {
  it('prefers the environment variable over the key file', () => {
    const dir = scratch();
    const fromEnv = randomBytes(32);
    const file = keyFile(dir, 'master.b64', randomBytes(32));
    const keys = loadMasterKeys({
      dataDir: dir,
      keyFile: file,
      env: { CANDOR_MASTER_KEY: fromEnv.toString('base64') },
    });
    expect(keys.current.key.equals(fromEnv)).toBe(true);
    expect([...keys.all.keys()]).toEqual([keys.current.id]);
  });

  it('reads CANDOR_MASTER_KEY from process.env by default, or the variable it is told', () => {
    const dir = scratch();
    const key = randomBytes(32);
    process.env.CANDOR_TEST_MASTER_KEY = key.toString('base64');
    try {
      expect(loadMasterKeys({ dataDir: dir, envVariable: 'CANDOR_TEST_MASTER_KEY' }).current.key).toEqual(
        key,
      );
    } finally {
      delete process.env.CANDOR_TEST_MASTER_KEY;
    }
  });

  it('rejects a variable of the wrong length or not base64, naming it and not quoting it', () => {
    const dir = scratch();
    const short = randomBytes(16).toString('base64');
    expect(() => loadMasterKeys({ dataDir: dir, env: { CANDOR_MASTER_KEY: short } })).toThrow(
      /environment variable CANDOR_MASTER_KEY must hold exactly 32 bytes of base64 \(it decodes to 16 bytes\)/,
    );
    expect(() =>
      loadMasterKeys({ dataDir: dir, env: { CANDOR_MASTER_KEY: randomBytes(48).toString('base64') } }),
    ).toThrow(/CANDOR_MASTER_KEY .*decodes to 48 bytes/);
    let message = '';
    try {
      loadMasterKeys({ dataDir: dir, env: { CANDOR_MASTER_KEY: 'not base64 at all!' } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/environment variable CANDOR_MASTER_KEY is not base64/);
    expect(message).not.toContain('not base64 at all!');
  });

  it('reads a private key file and refuses one that group or others can read', () => {
    const dir = scratch();
    const key = randomBytes(32);
    const file = keyFile(dir, 'master.b64', key);
    expect(loadMasterKeys({ dataDir: dir, keyFile: file, env: {} }).current.key.equals(key)).toBe(true);
    if (posix) {
      chmodSync(file, 0o644);
      expect(() => loadMasterKeys({ dataDir: dir, keyFile: file, env: {} })).toThrow(
        `master key file ${file} has mode 0644: group and others must have no access (run: chmod 600 ${file})`,
      );
    }
  });

  it('names a missing or malformed key file', () => {
    const dir = scratch();
    const missing = join(dir, 'nope.key');
    expect(() => loadMasterKeys({ dataDir: dir, keyFile: missing, env: {} })).toThrow(
      `cannot read master key file ${missing}: ENOENT`,
    );
    const short = keyFile(dir, 'short.key', randomBytes(31));
    expect(() => loadMasterKeys({ dataDir: dir, keyFile: short, env: {} })).toThrow(
      new RegExp(`master key file ${short} must hold exactly 32 bytes`),
    );
  });

  it('creates DATA/secrets/master.key with mode 0600 on first use and reuses it', () => {
    const dir = scratch();
    const first = loadMasterKeys({ dataDir: dir, env: {} });
    const file = join(dir, 'secrets', 'master.key');
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64').equals(first.current.key)).toBe(true);
    expect(loadMasterKeys({ dataDir: dir, env: {} }).current.id).toBe(first.current.id);
    if (posix) {
      chmodSync(file, 0o640);
      expect(() => loadMasterKeys({ dataDir: dir, env: {} })).toThrow(/has mode 0640/);
    }
  });

  it('loads previous keys beside the current one', () => {
    const dir = scratch();
    const current = randomBytes(32);
    const previous = randomBytes(32);
    const keys = loadMasterKeys({
      dataDir: dir,
      env: { CANDOR_MASTER_KEY: current.toString('base64') },
      previousKeyFiles: [keyFile(dir, 'old.key', previous), keyFile(dir, 'same.key', current)],
    });
    expect(keys.current.id).toBe(masterKeyOf(current).id);
    expect([...keys.all.keys()].sort()).toEqual([masterKeyOf(current).id, masterKeyOf(previous).id].sort());
    expect(keys.all.get(masterKeyOf(previous).id)?.key.equals(previous)).toBe(true);
  });
});
