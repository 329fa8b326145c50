import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/governance/audit/audit-log.js';
import { openStore } from '../../src/store/open-store.js';
import { candor } from '../support/run-cli.js';
import { tempDir } from '../support/dataset-fixtures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data folder whose audit log holds `n` entries. */
async function dataDirWithLog(n: number): Promise<string> {
  const dir = tempDir('candor-cli-audit-');
  dirs.push(dir);
  const store = await openStore({ dataDir: dir });
  const log = new AuditLog(store);
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      log.append({ actor: 'cli:test', action: 'keys.create', target: `k${i}`, outcome: 'success' }),
    ),
  );
  await log.close();
  await store.close();
  return dir;
}

async function tamper(dir: string, work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<unknown>) {
  const store = await openStore({ dataDir: dir });
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

describe('candor audit-log', () => {
  it('verifies an intact log and prints the entries checked', async () => {
    const dir = await dataDirWithLog(5);
    const json = await candor('--data-dir', dir, '--json', 'audit-log', 'verify');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, entries: 5, head: { seq: 5 } });
    const text = await candor('--data-dir', dir, 'audit-log', 'verify');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/intact: 5 entries checked/);
  });

  it('verifies an empty log', async () => {
    const run = await candor('--data-dir', await dataDirWithLog(0), 'audit-log', 'verify', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, entries: 0 });
  });

  it('exits 3 with the first broken seq and the reason', async () => {
    const dir = await dataDirWithLog(5);
    await tamper(dir, (s) =>
      s.db.updateTable('audit_log').set({ target: 'k9' }).where('seq', '=', 3).execute(),
    );
    const run = await candor('--data-dir', dir, 'audit-log', 'verify');
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /broken at seq 3: hash mismatch \(entry altered\) \(2 entries before it verified\)/,
    );
    const json = await candor('--data-dir', dir, '--json', 'audit-log', 'verify');
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ exitCode: 3, error: expect.stringMatching(/seq 3/) });
  });

  it('prints the head, and verify --anchor detects entries removed from the end', async () => {
    const dir = await dataDirWithLog(4);
    const head = await candor('--data-dir', dir, 'audit-log', 'head');
    expect(head.code).toBe(0);
    const anchor = head.stdout.trim();
    expect(anchor).toMatch(/^4:[0-9a-f]{64}$/);
    const headJson = JSON.parse((await candor('--data-dir', dir, '--json', 'audit-log', 'head')).stdout);
    expect(`${headJson.seq}:${headJson.hash}`).toBe(anchor);

    expect((await candor('--data-dir', dir, 'audit-log', 'verify', '--anchor', anchor)).code).toBe(0);
    await tamper(dir, (s) => s.db.deleteFrom('audit_log').where('seq', '=', 4).execute());
    expect((await candor('--data-dir', dir, 'audit-log', 'verify')).code).toBe(0);
    const anchored = await candor('--data-dir', dir, 'audit-log', 'verify', '--anchor', anchor);
    expect(anchored.code).toBe(3);
    expect(anchored.stderr).toMatch(/broken at seq 4: anchored entry is missing/);
  });

  it('refuses a malformed anchor as a usage error', async () => {
    const run = await candor(
      '--data-dir',
      await dataDirWithLog(1),
      'audit-log',
      'verify',
      '--anchor',
      '4:xyz',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--anchor must be <seq>:<64 hex digits> \(got '4:xyz'\)/);
  });
});
