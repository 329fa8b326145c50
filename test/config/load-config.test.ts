import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';

describe('loadConfig', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'candor-config-'));

  it('uses defaults when nothing is given', () => {
    const config = loadConfig({ env: {}, flags: { dataDir: dir() } });
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8080 });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('takes defaults < file < environment < flags', () => {
    const dataDir = dir();
    writeFileSync(
      join(dataDir, 'candor.json'),
      JSON.stringify({ server: { port: 9000, host: '0.0.0.0' }, log: { level: 'warn' } }),
    );
    const fileOnly = loadConfig({ env: {}, flags: { dataDir } });
    expect(fileOnly.server).toMatchObject({ port: 9000, host: '0.0.0.0' });
    const withEnv = loadConfig({ env: { CANDOR_PORT: '9100' }, flags: { dataDir } });
    expect(withEnv.server).toMatchObject({ port: 9100, host: '0.0.0.0' });
    expect(withEnv.log.level).toBe('warn');
    const withFlag = loadConfig({ env: { CANDOR_PORT: '9100' }, flags: { dataDir, server: { port: 9200 } } });
    expect(withFlag.server.port).toBe(9200);
  });

  it('names the failing path of a bad environment value', () => {
    expect(() => loadConfig({ env: { CANDOR_PORT: 'eighty' }, flags: { dataDir: dir() } })).toThrow(
      /server\.port/,
    );
    expect(() =>
      loadConfig({ env: { CANDOR_DATABASE_URL: 'mysql://x' }, flags: { dataDir: dir() } }),
    ).toThrow(/databaseUrl/);
  });

  it('names the file and the path of a bad config file', () => {
    const dataDir = dir();
    const file = join(dataDir, 'bad.json');
    writeFileSync(file, JSON.stringify({ server: { port: -1 } }));
    expect(() => loadConfig({ env: {}, file, flags: { dataDir } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: {}, file, flags: { dataDir } })).toThrow(/bad\.json: 'server\.port'/);
    writeFileSync(file, '{ not json');
    expect(() => loadConfig({ env: {}, file, flags: { dataDir } })).toThrow(/not valid JSON/);
    writeFileSync(file, JSON.stringify({ unknownKey: 1 }));
    expect(() => loadConfig({ env: {}, file, flags: { dataDir } })).toThrow(/unknownKey|Unrecognized/);
    expect(() => loadConfig({ env: {}, file: join(dataDir, 'missing.json'), flags: { dataDir } })).toThrow(
      /ENOENT/,
    );
  });
});
