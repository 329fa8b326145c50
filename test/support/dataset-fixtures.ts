import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix = 'candor-fixture-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const jsonl = (rows: unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

/** A small catalog in Candor's native JSONL format; `interactions` rows can be overridden to plant errors. */
export function writeNativeDataset(dir: string, options: { interactions?: string } = {}): string {
  writeFileSync(
    join(dir, 'genres.jsonl'),
    jsonl([
      { id: 'drama', name: 'Drama' },
      { id: 'comedy', name: 'Comedy' },
    ]),
  );
  writeFileSync(
    join(dir, 'creators.jsonl'),
    jsonl([{ externalId: 'c1', name: 'Ada', underrepresented: true, region: 'west-africa' }]),
  );
  writeFileSync(
    join(dir, 'items.jsonl'),
    jsonl([
      {
        externalId: 'i1',
        title: 'One',
        kind: 'film',
        genres: ['drama'],
        creators: [{ externalId: 'c1', role: 'director' }],
      },
      {
        externalId: 'i2',
        title: 'Two',
        kind: 'series',
        genres: ['comedy'],
        maturity: { system: 'tv', rating: 'TV-G' },
      },
      {
        externalId: 'i3',
        title: 'Two, episode 1',
        kind: 'episode',
        parentExternalId: 'i2',
        season: 1,
        episode: 1,
      },
    ]),
  );
  writeFileSync(
    join(dir, 'viewers.jsonl'),
    jsonl([
      { externalId: 'v1', profileKind: 'adult', ageBand: '25-34' },
      { externalId: 'v2', profileKind: 'kids', ageBand: 'under-13' },
    ]),
  );
  writeFileSync(
    join(dir, 'interactions.jsonl'),
    options.interactions ??
      jsonl([
        {
          subjectExternalId: 'v1',
          itemExternalId: 'i1',
          kind: 'rating',
          value: 4,
          occurredAt: '2026-01-01T10:00:00Z',
        },
        { subjectExternalId: 'v1', itemExternalId: 'i3', kind: 'view', occurredAt: '2026-01-02T10:00:00Z' },
        {
          subjectExternalId: 'v2',
          itemExternalId: 'i3',
          kind: 'complete',
          occurredAt: '2026-01-03T10:00:00Z',
          idempotencyKey: 'e-1',
        },
        {
          subjectExternalId: 'v1',
          itemExternalId: 'i3',
          kind: 'complete',
          occurredAt: '2026-01-03T10:00:00Z',
          idempotencyKey: 'e-1',
        },
      ]),
  );
  return dir;
}

/** A MovieLens 100K folder in miniature, in the real file formats (Latin-1 item file). */
export function writeMovieLens100k(dir: string, options: { data?: string } = {}): string {
  writeFileSync(join(dir, 'u.genre'), "unknown|0\nAction|1\nChildren's|2\nDrama|3\n\n");
  writeFileSync(
    join(dir, 'u.item'),
    Buffer.from(
      '1|Toy Story (1995)|01-Jan-1995||http://imdb/1|0|0|1|0\n' +
        '2|Café Society (1995)|01-Jan-1995||http://imdb/2|0|0|0|1\n' +
        '3|Heat (1995)|01-Jan-1995||http://imdb/3|0|1|0|1\n',
      'latin1',
    ),
  );
  writeFileSync(join(dir, 'u.user'), '1|24|M|technician|85711\n2|53|F|other|94043\n3|9|M|student|32067\n');
  writeFileSync(
    join(dir, 'u.data'),
    options.data ??
      [
        '1\t1\t5\t874965758',
        '1\t2\t3\t876893171',
        '2\t3\t4\t878542960',
        '3\t1\t5\t878542961',
        '2\t1\t2\t878542962',
      ]
        .map((row) => `${row}\n`)
        .join(''),
  );
  return dir;
}
