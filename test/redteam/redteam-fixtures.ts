import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../src/random/seeded-random.js';
import { normal } from '../../src/redteam/attacks/attack-profiles.js';
import { SHILLING } from '../../src/redteam/attacks/shilling-attacks.js';
import { chooseTargets, popularityBand } from '../../src/redteam/evaluation/choose-targets.js';
import { itemStatistics } from '../../src/redteam/profiles/item-statistics.js';
import {
  appendProfiles,
  type ProfileMatrix,
  profileMatrixOf,
} from '../../src/redteam/profiles/profile-matrix.js';

const DAY_MS = 24 * 3600 * 1000;
export const START = Date.parse('2026-01-01T00:00:00Z');

export interface GenuineOptions {
  users?: number;
  items?: number;
  seed?: number;
  /** Leave the ratings out (implicit feedback only). */
  implicit?: boolean;
}

/**
 * Genuine-looking viewers, generated: items have Zipf popularity and a quality, belong to one of five
 * taste clusters; each viewer favours one cluster, picks 20 to 120 items by popularity (a viewer finds
 * titles through what is shown) and rates them around the item's quality plus their own bias. Viewers
 * join over 200 days and rate a few minutes apart.
 */
export function genuineProfiles({
  users = 400,
  items = 300,
  seed = 1,
  implicit = false,
}: GenuineOptions = {}): ProfileMatrix {
  const random = seededRandom(seed);
  const quality = Float64Array.from({ length: items }, () => normal(random, 3.5, 0.6));
  const cluster = Int32Array.from({ length: items }, () => Math.floor(random() * 5));
  const popularity = Float64Array.from({ length: items }, (_, i) => 1 / (i + 1) ** 1.1);
  const u: number[] = [];
  const it: number[] = [];
  const times: number[] = [];
  const values: number[] = [];
  for (let user = 0; user < users; user += 1) {
    const taste = Math.floor(random() * 5);
    const bias = normal(random, 0, 0.4);
    const n = 20 + Math.floor(100 * random() ** 2);
    const weight = Float64Array.from(popularity, (w, i) => w * (cluster[i] === taste ? 3 : 1));
    const start = START + random() * 200 * DAY_MS;
    for (let k = 0; k < n; k += 1) {
      let total = 0;
      for (const w of weight) total += w;
      let pick = random() * total;
      let item = 0;
      while (item < items - 1 && pick >= (weight[item] as number)) pick -= weight[item++] as number;
      weight[item] = 0;
      u.push(user);
      it.push(item);
      times.push(start + k * (60_000 + random() * 600_000));
      values.push(
        Math.min(5, Math.max(1, Math.round(normal(random, (quality[item] as number) + bias, 0.8)))),
      );
    }
  }
  return profileMatrixOf(users, items, { users: u, items: it, times, ...(implicit ? {} : { values }) });
}

/**
 * Writes profiles as a dataset in Candor's native JSONL (what `candor import` reads): items `item-<i>`,
 * viewers named by `viewerId`, one `rating` event per rated pair (`view` without ratings).
 */
export function writeProfilesDataset(
  dir: string,
  profiles: ProfileMatrix,
  viewerId: (row: number) => string = (row) => `viewer-${row}`,
): string {
  const lines = (rows: unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');
  writeFileSync(join(dir, 'genres.jsonl'), lines([{ id: 'drama', name: 'Drama' }]));
  writeFileSync(
    join(dir, 'items.jsonl'),
    lines(
      Array.from({ length: profiles.nItems }, (_, i) => ({
        externalId: `item-${i}`,
        title: `Item ${i}`,
        kind: 'film',
        genres: ['drama'],
      })),
    ),
  );
  writeFileSync(
    join(dir, 'viewers.jsonl'),
    lines(
      Array.from({ length: profiles.nUsers }, (_, u) => ({ externalId: viewerId(u), profileKind: 'adult' })),
    ),
  );
  const events: unknown[] = [];
  for (let u = 0; u < profiles.nUsers; u += 1) {
    for (let e = profiles.rowStart[u] as number; e < (profiles.rowStart[u + 1] as number); e += 1) {
      const rating = profiles.ratings?.[e] ?? Number.NaN;
      events.push({
        subjectExternalId: viewerId(u),
        itemExternalId: `item-${profiles.itemIndex[e]}`,
        kind: Number.isNaN(rating) ? 'view' : 'rating',
        value: Number.isNaN(rating) ? null : rating,
        occurredAt: new Date(profiles.times[e] as number).toISOString(),
      });
    }
  }
  writeFileSync(join(dir, 'interactions.jsonl'), lines(events));
  return dir;
}

/**
 * Genuine profiles (`users` of them) followed by a random shilling attack of `size` times as many fake
 * profiles (filler 10%) on one target of the usual popularity band, written as a dataset folder in `dir`.
 */
export function writeShilledDataset(
  dir: string,
  { users, items, seed, size }: { users: number; items: number; seed: number; size: number },
  viewerId?: (row: number) => string,
): string {
  const genuine = genuineProfiles({ users, items, seed });
  const stats = itemStatistics(genuine);
  const [target] = chooseTargets(stats.popularity, 1, popularityBand(stats.popularity), seed);
  const attack = SHILLING.random.inject(
    { genuine, stats },
    { target: target as number, size, filler: 0.1, selected: 0, seed },
  );
  return writeProfilesDataset(dir, appendProfiles(genuine, attack.profiles), viewerId);
}
