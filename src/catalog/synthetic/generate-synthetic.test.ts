import { describe, expect, it } from 'vitest';
import { type InteractionRecord, type ItemRecord, recordSchemas } from '../catalog-records.js';
import { audienceLevel } from '../maturity.js';
import { DEFAULT_PROFILE_MAX_LEVEL } from '../viewer-profile.js';
import { generateSynthetic } from './generate-synthetic.js';
import { RATING } from './interaction-log.js';
import { trueRelevance } from './relevance-truth.js';
import { buildSyntheticWorld } from './synthetic-world.js';

const params = { items: 800, viewers: 600, seed: 3 };
const data = generateSynthetic(params);
const itemsById = new Map(data.items.map((item) => [item.externalId, item]));
const viewersById = new Map(data.viewers.map((viewer) => [viewer.externalId, viewer]));
const item = (id: string): ItemRecord => {
  const found = itemsById.get(id);
  if (!found) throw new Error(`unknown item ${id}`);
  return found;
};
const titleOf = (id: string) => item(id).parentExternalId ?? id;

function byViewer(events: InteractionRecord[]): Map<string, InteractionRecord[]> {
  const map = new Map<string, InteractionRecord[]>();
  for (const event of events) {
    const list = map.get(event.subjectExternalId) ?? [];
    list.push(event);
    map.set(event.subjectExternalId, list);
  }
  return map;
}

describe('generateSynthetic', () => {
  it('makes records that are exactly the native shapes (parsing adds, drops and reorders nothing)', () => {
    for (const kind of ['genres', 'creators', 'items', 'viewers', 'interactions'] as const) {
      expect(data[kind].length, kind).toBeGreaterThan(0);
      for (const record of data[kind]) {
        const parsed = recordSchemas[kind].parse(record);
        expect(JSON.stringify(parsed)).toBe(JSON.stringify(record));
      }
    }
  });

  it('makes the requested numbers of items and viewers, with unique external ids', () => {
    expect(data.items).toHaveLength(800);
    expect(data.viewers).toHaveLength(600);
    for (const records of [data.items, data.viewers, data.creators]) {
      expect(new Set(records.map((r) => r.externalId)).size).toBe(records.length);
    }
    expect(data.items[0]?.externalId).toBe('item-000001');
    expect(data.creators[0]?.externalId).toBe('creator-0001');
    expect(data.viewers[0]?.externalId).toBe('viewer-000001');
  });

  it('mixes kinds (films most) and gives episodes their series, seasons and numbers in order', () => {
    const kinds = data.groundTruth.counts.items;
    expect(kinds.film).toBeGreaterThan(kinds.track);
    expect(kinds.film).toBeGreaterThan(kinds.episode);
    expect(kinds.series).toBeGreaterThan(0);
    expect(kinds.episode).toBeGreaterThan(kinds.series * 3);
    let previous: ItemRecord | undefined;
    for (const record of data.items) {
      if (record.kind === 'episode') {
        const series = item(record.parentExternalId ?? '');
        expect(series.kind).toBe('series');
        expect(record.maturity).toEqual(series.maturity);
        expect(record.season).toBeGreaterThanOrEqual(1);
        expect(record.episode).toBeGreaterThanOrEqual(1);
        if (previous?.kind === 'episode' && previous.parentExternalId === record.parentExternalId) {
          const order = (r: ItemRecord) => (r.season ?? 0) * 1000 + (r.episode ?? 0);
          expect(order(record)).toBeGreaterThan(order(previous));
        }
      } else {
        expect(record.season).toBeNull();
      }
      previous = record;
    }
  });

  it('rates films with mpaa, series and episodes with tv, tracks with music, mostly by genre', () => {
    const systems = {
      film: ['mpaa', 'none'],
      series: ['tv', 'none'],
      episode: ['tv', 'none'],
      track: ['music'],
    };
    for (const record of data.items) expect(systems[record.kind]).toContain(record.maturity.system);
    const meanLevel = (genre: string) => {
      const levels = data.items
        .filter((r) => r.kind === 'film' && r.genres[0] === genre)
        .map((r) => audienceLevel(r.maturity));
      return levels.reduce((a, b) => a + b, 0) / levels.length;
    };
    expect(meanLevel('family')).toBeLessThan(meanLevel('horror') - 2);
  });

  it('gives each item one or two creators with a role, and the set share of creators to the group', () => {
    for (const record of data.items) {
      expect(record.creators.length).toBeGreaterThanOrEqual(1);
      expect(record.creators.length).toBeLessThanOrEqual(2);
    }
    const flagged = data.creators.filter((c) => c.underrepresented === true).length;
    expect(data.creators.every((c) => c.underrepresented !== null && c.region !== null)).toBe(true);
    expect(Math.abs(flagged / data.creators.length - 0.2)).toBeLessThan(0.01);
  });

  it('gives viewers age bands that fit their profile, and demographics only with consent', () => {
    const consenting = data.viewers.filter((v) => v.demographicsConsent);
    expect(consenting.length / data.viewers.length).toBeGreaterThan(0.62);
    expect(consenting.length / data.viewers.length).toBeLessThan(0.78);
    for (const viewer of data.viewers) {
      if (viewer.profileKind === 'kids') expect(viewer.ageBand).toBe('under-13');
      else if (viewer.profileKind === 'teen') expect(viewer.ageBand).toBe('13-17');
      else expect(['18-24', '25-34', '35-44', '45-54', '55+']).toContain(viewer.ageBand);
      expect(viewer.gender !== null).toBe(viewer.demographicsConsent);
      expect(viewer.occupation !== null).toBe(viewer.demographicsConsent);
      expect(viewer.displayName).toBeNull();
      expect(viewer.email).toBeNull();
    }
    const kids = data.viewers.filter((v) => v.profileKind === 'kids').length;
    expect(kids).toBeGreaterThan(0);
  });

  it('never lets a kids or teen profile interact with an item above its level', () => {
    let checked = 0;
    for (const event of data.interactions) {
      const viewer = viewersById.get(event.subjectExternalId);
      if (!viewer || viewer.profileKind === 'adult') continue;
      checked += 1;
      expect(audienceLevel(item(event.itemExternalId).maturity)).toBeLessThanOrEqual(
        DEFAULT_PROFILE_MAX_LEVEL[viewer.profileKind],
      );
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('logs each (viewer, item, kind) once, with unique idempotency keys and times rising per viewer', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const end = start + 180 * 86_400_000;
    expect(new Set(data.interactions.map((e) => e.idempotencyKey)).size).toBe(data.interactions.length);
    const keys = new Set(
      data.interactions.map((e) => `${e.subjectExternalId}|${e.itemExternalId}|${e.kind}`),
    );
    expect(keys.size).toBe(data.interactions.length);
    for (const events of byViewer(data.interactions).values()) {
      expect(events.length).toBeGreaterThanOrEqual(3);
      let last = Number.NEGATIVE_INFINITY;
      for (const event of events) {
        const time = Date.parse(event.occurredAt);
        expect(time).toBeGreaterThan(last);
        expect(time).toBeGreaterThanOrEqual(start);
        expect(time).toBeLessThan(end);
        last = time;
      }
    }
  });

  it('has viewers watch the episodes of a series in order, viewing each before completing it', () => {
    let seriesWatched = 0;
    for (const events of byViewer(data.interactions).values()) {
      const episodes = events.filter((e) => item(e.itemExternalId).kind === 'episode');
      const seen = new Map<string, number>();
      for (const event of episodes) {
        const record = item(event.itemExternalId);
        const order = (record.season ?? 0) * 1000 + (record.episode ?? 0);
        const series = record.parentExternalId ?? '';
        const before = seen.get(series) ?? 0;
        if (event.kind === 'view') {
          expect(order).toBeGreaterThan(before);
          seen.set(series, order);
        } else {
          expect(order).toBe(before);
        }
      }
      seriesWatched += seen.size;
    }
    expect(seriesWatched).toBeGreaterThan(50);
  });

  it('makes popularity heavy-tailed: the top 10% of titles get over 40% of the events', () => {
    const counts = new Map<string, number>();
    for (const event of data.interactions) {
      const title = titleOf(event.itemExternalId);
      counts.set(title, (counts.get(title) ?? 0) + 1);
    }
    const titles = data.items.filter((r) => r.kind !== 'episode').length;
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, Math.ceil(titles / 10)).reduce((a, b) => a + b, 0);
    expect(top / data.interactions.length).toBeGreaterThan(0.4);
  });

  it('makes activity heavy-tailed around the mean', () => {
    const perViewer = [...byViewer(data.interactions).values()].map((events) => events.length);
    const mean = perViewer.reduce((a, b) => a + b, 0) / perViewer.length;
    expect(mean).toBeGreaterThan(22);
    expect(mean).toBeLessThan(38);
    expect(Math.max(...perViewer)).toBeGreaterThan(4 * mean);
  });

  it('lists for each viewer 20 distinct titles it may see, by true relevance, best first', () => {
    const world = buildSyntheticWorld(params);
    expect(data.relevance).toHaveLength(600);
    const titleIndex = new Map<string, number>();
    for (let t = 0; t < world.catalog.titles.count; t++) {
      titleIndex.set(data.items[world.catalog.titles.item[t] ?? 0]?.externalId ?? '', t);
    }
    data.relevance.forEach((entry, v) => {
      const viewer = data.viewers[v];
      expect(entry.viewer).toBe(viewer?.externalId);
      expect(new Set(entry.topItems).size).toBe(20);
      const scores = entry.topItems.map((id) => {
        const record = item(id);
        expect(record.kind).not.toBe('episode');
        expect(audienceLevel(record.maturity)).toBeLessThanOrEqual(
          DEFAULT_PROFILE_MAX_LEVEL[viewer?.profileKind ?? 'kids'],
        );
        return trueRelevance(world.taste, world.viewers, v, titleIndex.get(id) ?? -1);
      });
      for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1] ?? 0);
    });
    // Brute force for some viewers: score every title the profile may see.
    for (let v = 0; v < 40; v++) {
      const maxLevel = DEFAULT_PROFILE_MAX_LEVEL[data.viewers[v]?.profileKind ?? 'kids'];
      const scored = [...titleIndex.entries()]
        .filter(([id]) => audienceLevel(item(id).maturity) <= maxLevel)
        .map(([id, t]) => ({ id, score: trueRelevance(world.taste, world.viewers, v, t) }))
        .sort((a, b) => b.score - a.score);
      expect(data.relevance[v]?.topItems).toEqual(scored.slice(0, 20).map((entry) => entry.id));
    }
  });

  it('draws ratings from 1 to 5 that follow true relevance', () => {
    const world = buildSyntheticWorld(params);
    const pairs: [number, number][] = [];
    for (let i = 0; i < world.log.count; i++) {
      if (world.log.kind[i] !== RATING) continue;
      const t = world.catalog.itemTitle[world.log.item[i] ?? 0] ?? 0;
      pairs.push([
        world.log.value[i] ?? 0,
        trueRelevance(world.taste, world.viewers, world.log.viewer[i] ?? 0, t),
      ]);
    }
    expect(pairs.length).toBeGreaterThan(500);
    expect(new Set(pairs.map(([rating]) => rating))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(correlation(pairs)).toBeGreaterThan(0.4);
  });

  it('keeps the catalog when only the number of viewers changes', () => {
    const other = generateSynthetic({ ...params, viewers: 50 });
    expect(other.items).toEqual(data.items);
    expect(other.creators).toEqual(data.creators);
    expect(other.viewers).toEqual(data.viewers.slice(0, 50));
  });
});

describe('the planted exposure bias', () => {
  const measured = (seed: number, exposureBias: number) =>
    buildSyntheticWorld({ items: 1500, viewers: 1500, seed, exposureBias }).groundTruth.measured;

  it.each([1, 2, 3])('under-serves the group in the log when exposureBias is 0.5 (seed %i)', (seed) => {
    const m = measured(seed, 0.5);
    expect(m.interactionShare).toBeLessThan(m.relevanceShare);
    expect(m.interactionToRelevanceRatio).toBeLessThan(0.8);
    expect(m.relevanceShare).toBeGreaterThan(0.15);
  });

  it.each([1, 2, 3])('leaves the log in line with relevance when exposureBias is 1 (seed %i)', (seed) => {
    const m = measured(seed, 1);
    expect(m.interactionToRelevanceRatio).toBeGreaterThan(0.85);
    expect(m.interactionToRelevanceRatio).toBeLessThan(1.18);
    expect(Math.abs(m.relevanceShare - m.catalogShare)).toBeLessThan(0.05);
  });

  it('describes the bias in plain words in the ground truth', () => {
    expect(data.groundTruth.plantedBias).toMatchObject({
      kind: 'exposure',
      group: 'underrepresented creators',
      exposureMultiplier: 0.5,
    });
    expect(data.groundTruth.plantedBias.description).toMatch(/0\.5 times as often/);
    expect(data.groundTruth.clusters).toHaveLength(12);
    expect(data.groundTruth.params).toMatchObject(params);
  });
});

function correlation(pairs: [number, number][]): number {
  const n = pairs.length;
  const mx = pairs.reduce((a, [x]) => a + x, 0) / n;
  const my = pairs.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
