import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAuditDataset, readGroundTruth } from './audit-dataset.js';

const jsonl = (rows: unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');
const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-audit-dataset-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function writeDataset(dir: string): string {
  writeFileSync(
    join(dir, 'creators.jsonl'),
    jsonl([
      { externalId: 'c-yes', name: 'Ada', underrepresented: true },
      { externalId: 'c-no', name: 'Bo', underrepresented: false },
      { externalId: 'c-unsaid', name: 'Cy' },
    ]),
  );
  const film = (externalId: string, creators: string[]) => ({
    externalId,
    title: externalId,
    kind: 'film',
    creators: creators.map((id) => ({ externalId: id })),
  });
  writeFileSync(
    join(dir, 'items.jsonl'),
    jsonl([
      film('i1', ['c-no', 'c-yes']),
      film('i2', ['c-no']),
      film('i3', ['c-no', 'c-unsaid']),
      film('i4', []),
    ]),
  );
  writeFileSync(
    join(dir, 'viewers.jsonl'),
    jsonl([
      {
        externalId: 'v1',
        profileKind: 'adult',
        ageBand: '25-34',
        demographicsConsent: true,
        gender: 'F',
        occupation: 'writer',
      },
      { externalId: 'v2', profileKind: 'teen', ageBand: '13-17', demographicsConsent: true },
      { externalId: 'v3', profileKind: 'adult' },
      { externalId: 'v4', profileKind: 'kids', ageBand: 'under-13' },
    ]),
  );
  const view = (user: string, item: string, day: number) => ({
    subjectExternalId: user,
    itemExternalId: item,
    kind: 'view',
    occurredAt: `2026-01-0${day}T10:00:00Z`,
  });
  // v4 never interacts; v9 interacts without a viewer record.
  writeFileSync(
    join(dir, 'interactions.jsonl'),
    jsonl([view('v1', 'i1', 1), view('v2', 'i2', 2), view('v3', 'i3', 3), view('v9', 'i4', 4)]),
  );
  return dir;
}

describe('readAuditDataset', () => {
  it('labels creator groups from the items’ creators', async () => {
    const dataset = await readAuditDataset(writeDataset(scratch()));
    expect(dataset.source.format).toBe('candor-jsonl');
    expect(dataset.events.itemIds).toEqual(['i1', 'i2', 'i3', 'i4']);
    // Any under-represented creator wins; all declared not makes `other`; undeclared or none: unknown.
    expect(dataset.itemCreatorGroups).toEqual(['underrepresented', 'other', 'unknown', 'unknown']);
    expect(dataset.groundTruth).toBeNull();
  });

  it('keeps gender and occupation only with consent, and lists viewers without interactions last', async () => {
    const { viewers, events } = await readAuditDataset(writeDataset(scratch()));
    expect(events.userIds).toEqual(['v1', 'v2', 'v3', 'v9']);
    expect(viewers.ids).toEqual(['v1', 'v2', 'v3', 'v9', 'v4']);
    expect(viewers.gender).toEqual(['F', 'unknown', 'not consented', 'unknown', 'not consented']);
    expect(viewers.occupation).toEqual(['writer', 'unknown', 'not consented', 'unknown', 'not consented']);
    expect(viewers.ageBand).toEqual(['25-34', '13-17', 'unknown', 'unknown', 'under-13']);
    expect(viewers.profileKind).toEqual(['adult', 'teen', 'adult', 'unknown', 'kids']);
  });

  it('reads the synthetic ground truth when the folder has one', () => {
    const dir = scratch();
    expect(readGroundTruth(dir)).toBeNull();
    writeFileSync(
      join(dir, 'ground-truth.json'),
      JSON.stringify({
        plantedBias: { kind: 'exposure', exposureMultiplier: 0.5 },
        measured: { catalogShare: 0.2, relevanceShare: 0.24, interactionShare: 0.15, topK: 20 },
      }),
    );
    expect(readGroundTruth(dir)).toEqual({
      exposureMultiplier: 0.5,
      catalogShare: 0.2,
      relevanceShare: 0.24,
      interactionShare: 0.15,
    });
    writeFileSync(join(dir, 'ground-truth.json'), '{"measured": {}}');
    expect(() => readGroundTruth(dir)).toThrow(/not a synthetic ground truth/);
  });
});
