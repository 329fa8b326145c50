import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { candor } from '../support/run-cli.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { genuineProfiles, writeProfilesDataset, writeShilledDataset } from './redteam-fixtures.js';

describe('candor redteam', () => {
  let dataset: string;
  beforeAll(() => {
    dataset = writeProfilesDataset(
      tempDir('candor-redteam-data-'),
      genuineProfiles({ users: 250, items: 500, seed: 6 }),
    );
  });

  it('runs one attack on a copy of a dataset folder and writes a JSON report and a summary', async () => {
    const out = tempDir('candor-redteam-out-');
    const run = await candor(
      '--data-dir',
      tempDir(),
      '--json',
      'redteam',
      '--attack',
      'shilling:random',
      '--data',
      dataset,
      '--size',
      '0.04',
      '--filler',
      '0.1',
      '--targets',
      '2',
      '--algo',
      'popularity',
      '--out',
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.results).toHaveLength(1);
    const [result] = printed.results;
    expect(result).toMatchObject({
      kind: 'shilling:random',
      parameters: { size: 0.04, filler: 0.1, algorithm: 'popularity', k: 10 },
      data: { viewers: 250, items: 500, rated: true },
      injectedPerTarget: 10,
      detection: { injected: 20 },
    });
    expect(result.targets).toHaveLength(2);
    expect(result.models[0].hitRatio).toHaveProperty('defended');
    expect(existsSync(printed.report)).toBe(true);
    expect(JSON.parse(readFileSync(printed.report, 'utf8')).results[0].kind).toBe('shilling:random');
    const summary = readFileSync(printed.summary, 'utf8');
    expect(summary).toContain('## shilling:random');
    expect(summary).toMatch(/detection: precision \d\.\d{3}, recall \d\.\d{3}/);
    // The dataset folder is only read.
    expect(readFileSync(join(dataset, 'viewers.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(
      250,
    );
  });

  it('runs every attack with --all, and pushes the item named by --target', async () => {
    const dataDir = tempDir();
    const run = await candor(
      '--data-dir',
      dataDir,
      '--json',
      'redteam',
      '--all',
      '--data',
      dataset,
      '--target',
      'item-120',
      '--algo',
      'popularity',
      '--size',
      '0.02',
    );
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.results.map((r: { kind: string }) => r.kind)).toEqual([
      'shilling:random',
      'shilling:average',
      'shilling:bandwagon',
      'shilling:segment',
      'gateway:prompt-attacks',
      'gateway:harm-evasion',
      'gateway:benign',
      'access:id-guessing',
      'access:role-escalation',
      'access:tokens',
      'access:bodies',
    ]);
    for (const result of printed.results.filter((r: { kind: string }) => r.kind.startsWith('shilling:')))
      expect(result.targets.map((t: { item: string }) => t.item)).toEqual(['item-120']);
    // Every access attack on the (disposable copy of the) data folder was refused.
    for (const result of printed.results.filter((r: { kind: string }) => r.kind.startsWith('access:')))
      expect(result.passed, result.kind).toBe(true);
    // Without --out, reports go under the data folder, one folder per run.
    expect(printed.report.startsWith(join(dataDir, 'redteam'))).toBe(true);
  });

  it('lists the attack kinds, and refuses bad input with a clear message and exit 2', async () => {
    const list = await candor('--json', 'redteam', '--list');
    expect(JSON.parse(list.stdout).families[0]).toMatchObject({
      family: 'shilling',
      variants: ['random', 'average', 'bandwagon', 'segment'],
    });
    const cases: [string[], RegExp][] = [
      [['redteam'], /give --attack KIND or --all/],
      [['redteam', '--attack', 'shilling:sybil', '--data', dataset], /unknown attack 'shilling:sybil'/],
      [['redteam', '--attack', 'gateway:x', '--data', dataset], /unknown attack 'gateway:x'/],
      [['redteam', '--attack', 'nothing', '--data', dataset], /unknown attack 'nothing'/],
      [['redteam', '--attack', 'shilling:random'], /needs --data DIR/],
      [['redteam', '--attack', 'shilling:random', '--data', '/no/such/folder'], /--data: .*does not exist/],
      [
        ['redteam', '--attack', 'shilling:random', '--data', dataset, '--size', '2'],
        /--size must be a number/,
      ],
      [
        ['redteam', '--attack', 'shilling:random', '--data', dataset, '--target', 'item-x'],
        /no item 'item-x'/,
      ],
      [
        ['redteam', '--attack', 'shilling:random', '--data', dataset, '--algo', 'nope'],
        /unknown algorithm 'nope'/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await candor('--data-dir', tempDir(), ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
  });
});

/** `candor --json import --consent model_training [flags] DATASET` into `data`. */
const importWithConsent = (data: string, dataset: string, ...flags: string[]) =>
  candor('--data-dir', data, '--json', 'import', '--consent', 'model_training', ...flags, dataset);

/** What `candor --json quarantine list` shows for `data`. */
const quarantineList = async (data: string) =>
  JSON.parse((await candor('--data-dir', data, '--json', 'quarantine', 'list')).stdout);

const shilledDataset = (prefix: string, seed: number) =>
  writeShilledDataset(tempDir(prefix), { users: 250, items: 500, seed, size: 0.04 });

describe('candor quarantine and train --scan-profiles', () => {
  it('scans the store, lists under pseudonyms, releases and confirms; training leaves the rest out', async () => {
    const dataset = shilledDataset('candor-redteam-store-', 7);
    const data = tempDir();
    expect((await importWithConsent(data, dataset)).code).toBe(0);

    const trained = await candor(
      '--data-dir',
      data,
      '--json',
      'train',
      '--algo',
      'popularity',
      '--scan-profiles',
    );
    expect(trained.code, trained.stderr).toBe(0);
    const manifest = JSON.parse(trained.stdout);
    expect(manifest.data.quarantinedViewers).toBeGreaterThanOrEqual(8);
    expect(manifest.data.viewers).toBe(260 - manifest.data.quarantinedViewers);

    const scan = JSON.parse((await candor('--data-dir', data, '--json', 'quarantine', 'scan')).stdout);
    expect(scan).toMatchObject({ quarantined: 0, alreadyQuarantined: manifest.data.quarantinedViewers });
    const listed = await quarantineList(data);
    expect(listed.entries).toHaveLength(manifest.data.quarantinedViewers);
    expect(listed.entries[0]).not.toHaveProperty('subjectId');
    expect(listed.entries[0].subject).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    const [first, second] = listed.entries;
    const release = await candor('--data-dir', data, 'quarantine', 'release', first.id);
    expect(release.stdout).toContain('quarantined -> released');
    const confirm = await candor('--data-dir', data, '--json', 'quarantine', 'confirm', second.id);
    expect(JSON.parse(confirm.stdout).status).toBe('confirmed');
    const retrained = JSON.parse(
      (await candor('--data-dir', data, '--json', 'train', '--algo', 'popularity', '--no-scan-profiles'))
        .stdout,
    );
    expect(retrained.data.quarantinedViewers).toBe(manifest.data.quarantinedViewers - 1);

    const unknown = await candor('--data-dir', data, 'quarantine', 'release', 'no-such-entry');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no quarantine entry 'no-such-entry'");
    expect((await candor('--data-dir', data, 'quarantine', 'list', '--status', 'gone')).code).toBe(2);
  }, 60_000);

  it('scans at ingestion when asked: import --scan-profiles quarantines the fake profiles it brought in', async () => {
    const dataset = shilledDataset('candor-redteam-ingest-', 9);
    // Off by default (redteam.scanAfterImport): a plain import scans nothing.
    const plain = tempDir();
    const unscanned = await importWithConsent(plain, dataset);
    expect(unscanned.code, unscanned.stderr).toBe(0);
    expect(JSON.parse(unscanned.stdout)).not.toHaveProperty('profileScan');
    expect((await quarantineList(plain)).entries).toEqual([]);

    const data = tempDir();
    const imported = await importWithConsent(data, dataset, '--scan-profiles');
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout);
    expect(report.kinds.interactions.inserted).toBeGreaterThan(0);
    expect(report.profileScan.scanned).toBe(260);
    expect(report.profileScan.quarantined).toBeGreaterThanOrEqual(8);
    const listed = await quarantineList(data);
    expect(listed.entries).toHaveLength(report.profileScan.quarantined);
    // The same data again adds nothing, so there is nothing new to scan.
    const again = JSON.parse((await importWithConsent(data, dataset, '--scan-profiles')).stdout);
    expect(again.kinds.interactions.inserted).toBe(0);
    expect(again).not.toHaveProperty('profileScan');
    const text = await candor('--data-dir', tempDir(), 'import', '--scan-profiles', dataset);
    expect(text.stdout).toMatch(/Scanned 260 profiles .*newly quarantined/);
  }, 90_000);
});
