import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseSyntheticParams, writeSyntheticDataset } from '../../src/catalog/synthetic/index.js';
import { configSchema } from '../../src/config/config-schema.js';
import { verifyAuditLog } from '../../src/governance/audit/verify-audit-log.js';
import { listManifests } from '../../src/models/model-artifact.js';
import { authForStore } from '../../src/server/auth/cli-auth.js';
import { openStore } from '../../src/store/open-store.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { candor } from '../support/run-cli.js';

const PASSWORD = 'correct horse battery staple';

/** A policy file in the data folder, read by every command: only coverage can fail the gate. */
const writePolicy = (data: string, minCoverage: number) =>
  writeFileSync(
    join(data, 'policy.yaml'),
    [
      'promotion:',
      '  thresholds:',
      `    minCoverage: ${minCoverage}`,
      '    minRelativeAccuracy: 0',
      '    minGroupFairnessRatio: 0',
      '    minExposureRatio: 0',
      '    maxUnsafeShare: 1',
      '',
    ].join('\n'),
  );

const aliases = (data: string) =>
  JSON.parse(readFileSync(join(data, 'models', 'aliases.json'), 'utf8')) as Record<string, string>;

describe('candor models', () => {
  let data: string;
  let dataset: string;
  let production: string;
  let candidate: string;
  const accounts: Record<string, string> = {};
  const json = async (...args: string[]) => {
    const run = await candor('--data-dir', data, '--json', ...args);
    return { ...run, body: run.stdout ? JSON.parse(run.stdout) : null };
  };

  beforeAll(async () => {
    data = tempDir('candor-models-cli-');
    dataset = tempDir('candor-models-data-');
    await writeSyntheticDataset(dataset, parseSyntheticParams({ items: 120, viewers: 40, seed: 11 }));
    const imported = await candor(
      '--data-dir',
      data,
      'import',
      '--consent',
      'personalization,model_training',
      dataset,
    );
    expect(imported.code, imported.stderr).toBe(0);
    const store = await openStore({ dataDir: data });
    try {
      const { auth } = authForStore(configSchema.parse({ dataDir: data }), store);
      for (const [username, roles] of [
        ['ana', ['analyst']],
        ['aud', ['auditor']],
      ] as const) {
        accounts[username] = (
          await auth.createAccount({ username, password: PASSWORD, roles: [...roles] })
        ).id;
      }
    } finally {
      await store.close();
    }
  }, 60_000);
  afterAll(() => {
    vi.unstubAllEnvs();
    for (const dir of [data, dataset]) rmSync(dir, { recursive: true, force: true });
  });

  it('trains a first production model, then only candidates while the gate is enforced', async () => {
    const first = await json('train', '--algo', 'ease', '--production');
    expect(first.code, first.stderr).toBe(0);
    production = first.body.id;
    const second = await candor('--data-dir', data, 'train', '--algo', 'itemknn');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('now the candidate');
    candidate = (second.stdout.match(/model ([0-9a-f-]{36})/) as RegExpMatchArray)[1] as string;
    expect(aliases(data)).toEqual({ production, candidate });

    const trained = listManifests(data).length;
    const refused = await candor('--data-dir', data, 'train', '--algo', 'popularity', '--production');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('promotion gate');
    expect(listManifests(data)).toHaveLength(trained);

    const list = await json('models', 'list');
    expect(list.body.models.map((m: { id: string }) => m.id).sort()).toEqual([candidate, production].sort());
  });

  it('blocks a candidate whose gate fails one threshold, naming it', async () => {
    writePolicy(data, 1);
    const gate = await json('models', 'gate', candidate);
    expect(gate.code, gate.stderr).toBe(0);
    expect(gate.body).toMatchObject({ modelId: candidate, baselineId: production, passed: false });
    expect(gate.body.failures.join(' ')).toContain('coverage');
    const text = await candor('--data-dir', data, 'models', 'show', candidate);
    expect(text.stdout).toContain('not ready to promote');

    const promoted = await candor('--data-dir', data, 'models', 'promote', candidate);
    expect(promoted.code).toBe(3);
    expect(promoted.stderr).toMatch(/promotion blocked: .*coverage/);
    expect(aliases(data).production).toBe(production);
  }, 60_000);

  it('signs off a passing gate with two people, promotes, and rolls back', async () => {
    writePolicy(data, 0);
    const gate = await json('models', 'gate', candidate);
    expect(gate.body.passed).toBe(true);

    vi.stubEnv('CANDOR_PASSWORD', 'not the password');
    const wrong = await candor(
      '--data-dir',
      data,
      'models',
      'signoff',
      candidate,
      '--role',
      'analyst',
      '--user',
      'ana',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('wrong password');
    vi.stubEnv('CANDOR_PASSWORD', PASSWORD);
    const notHeld = await candor(
      '--data-dir',
      data,
      'models',
      'signoff',
      candidate,
      '--role',
      'auditor',
      '--user',
      'ana',
    );
    expect(notHeld.code).toBe(2);
    expect(notHeld.stderr).toContain('--role');

    const signed = await json('models', 'signoff', candidate, '--role', 'analyst', '--user', 'ana');
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.body).toMatchObject({ role: 'analyst', accountId: accounts.ana, gateId: gate.body.id });
    const again = await candor(
      '--data-dir',
      data,
      'models',
      'signoff',
      candidate,
      '--role',
      'analyst',
      '--user',
      'ana',
    );
    expect(again.code).toBe(3);
    const early = await candor('--data-dir', data, 'models', 'promote', candidate);
    expect(early.stderr).toContain('missing sign-off by: auditor');
    expect((await json('models', 'signoff', candidate, '--role', 'auditor', '--user', 'aud')).code).toBe(0);

    const promoted = await json('models', 'promote', candidate, '--reason', 'better lists');
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.body).toMatchObject({
      production: candidate,
      previous: production,
      gateId: gate.body.id,
    });
    expect(aliases(data).production).toBe(candidate);

    const noReason = await candor('--data-dir', data, 'models', 'rollback');
    expect(noReason.code).toBe(2);
    const back = await json('models', 'rollback', '--reason', 'complaints');
    expect(back.code, back.stderr).toBe(0);
    expect(back.body).toMatchObject({ production, previous: candidate });
    expect(aliases(data).production).toBe(production);

    const history = await json('models', 'history', '--alias', 'production');
    expect(history.body.events.map((e: { action: string }) => e.action)).toEqual([
      'rollback',
      'promote',
      'bootstrap',
    ]);
    expect(history.body.events[1]).toMatchObject({ gateId: gate.body.id, reason: 'better lists' });

    const card = await candor('--data-dir', data, 'models', 'card', candidate);
    expect(card.stdout).toContain('## Model details');
    expect(card.stdout).toContain('## Caveats and recommendations');
    expect(card.stdout).toMatch(/Signed off by: (analyst|auditor)/);

    const store = await openStore({ dataDir: data });
    try {
      const rows = await store.db
        .selectFrom('audit_log')
        .select(['action', 'actor', 'outcome'])
        .where('action', 'like', 'models.%')
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual([
        'models.gate:success',
        'models.promote:denied',
        'models.gate:success',
        'models.signoff:success',
        'models.promote:denied',
        'models.signoff:success',
        'models.promote:success',
        'models.rollback:success',
      ]);
      expect(rows.find((r) => r.action === 'models.signoff')?.actor).toBe(`account:${accounts.ana}`);
      expect(rows.find((r) => r.action === 'models.promote' && r.outcome === 'success')?.actor).toMatch(
        /^cli:/,
      );
      expect((await verifyAuditLog(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refuses unknown versions and bad options with a clear message', async () => {
    const unknown = await candor(
      '--data-dir',
      data,
      'models',
      'show',
      '01900000-0000-7000-8000-000000000000',
    );
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no such model');
    const format = await candor('--data-dir', data, 'models', 'card', candidate, '--format', 'pdf');
    expect(format.code).toBe(2);
    const role = await candor(
      '--data-dir',
      data,
      'models',
      'signoff',
      candidate,
      '--role',
      'wizard',
      '--user',
      'ana',
    );
    expect(role.code).toBe(2);
  });
});
