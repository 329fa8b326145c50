import type { GenreRecord, ItemRecord } from '../catalog-records.js';
import { audienceLevel } from '../maturity.js';
import { SeededRandom } from './seeded-random.js';
import {
  assignCreators,
  CREATOR_ROLES,
  generateCreators,
  type SyntheticCreators,
  TITLE_KINDS,
  type TitleKind,
} from './synthetic-creators.js';
import { genreRecords } from './synthetic-genres.js';
import { episodeItems, titleItem } from './synthetic-items.js';
import { LANGUAGES_BY_REGION } from './synthetic-vocabulary.js';

/** Share of all items that are music tracks, and that are series with their episodes; the rest are films. */
const TRACK_SHARE = 0.15;
const SERIES_SHARE = 0.25;

/** Titles (films, series, tracks) in columns; a series' episodes are the items right after it. */
export interface TitleTable {
  readonly count: number;
  /** Index in `items` of each title. */
  readonly item: Int32Array;
  /** Index into TITLE_KINDS. */
  readonly kind: Uint8Array;
  /** Number of episodes of a series (0 for films and tracks). */
  readonly episodes: Int32Array;
  /** Audience level (maturity.ts) of the title and its episodes. */
  readonly level: Uint8Array;
  /** 1 when any creator of the title is in the under-represented group. */
  readonly underrepresented: Uint8Array;
  /** Genre indices (into SYNTHETIC_GENRES), primary first. */
  readonly genres: readonly (readonly number[])[];
}

export interface SyntheticCatalog {
  readonly genres: GenreRecord[];
  readonly creators: SyntheticCreators;
  readonly items: ItemRecord[];
  readonly titles: TitleTable;
  /** Title of each item; an episode's title is its series. */
  readonly itemTitle: Int32Array;
}

interface SeriesPlan {
  episodes: number;
  perSeason: number;
}

/** How many of each kind: about 60% films, 25% series with their episodes, 15% tracks. */
function planKinds(
  total: number,
  rng: SeededRandom,
): { films: number; tracks: number; series: SeriesPlan[] } {
  const tracks = Math.round(total * TRACK_SHARE);
  const series: SeriesPlan[] = [];
  let remaining = Math.round(total * SERIES_SHARE);
  const seriesBudget = remaining;
  while (remaining >= 4) {
    const seasons = rng.weighted(SEASONS);
    const perSeason = rng.intBetween(4, 10);
    const episodes = Math.min(seasons * perSeason, remaining - 1);
    series.push({ episodes, perSeason });
    remaining -= episodes + 1;
  }
  return { films: total - tracks - (seriesBudget - remaining), tracks, series };
}

const SEASONS = { values: [1, 2, 3], cdf: Float64Array.of(0.55, 0.85, 1) };

export function itemExternalId(index: number, total: number): string {
  return `item-${String(index + 1).padStart(Math.max(6, String(total).length), '0')}`;
}

/** The catalog: genres, creators and items, with the title columns the taste model and sampler use. */
export function generateCatalog(
  totalItems: number,
  underrepresentedShare: number,
  seed: number,
): SyntheticCatalog {
  const rng = new SeededRandom(seed, 'catalog');
  const plan = planKinds(totalItems, rng);
  const kinds: TitleKind[] = [
    ...Array<TitleKind>(plan.films).fill('film'),
    ...Array<TitleKind>(plan.series.length).fill('series'),
    ...Array<TitleKind>(plan.tracks).fill('track'),
  ];
  rng.shuffle(kinds);
  const counts = { film: plan.films, series: plan.series.length, track: plan.tracks };
  const creators = generateCreators(counts, underrepresentedShare, new SeededRandom(seed, 'creators'));
  const assigned = Object.fromEntries(
    TITLE_KINDS.map((kind) => [kind, assignCreators(creators.pools[kind], counts[kind], rng)]),
  ) as Record<TitleKind, number[][]>;
  const used = { film: 0, series: 0, track: 0 };

  const count = kinds.length;
  const titles = {
    count,
    item: new Int32Array(count),
    kind: new Uint8Array(count),
    episodes: new Int32Array(count),
    level: new Uint8Array(count),
    underrepresented: new Uint8Array(count),
    genres: [] as number[][],
  };
  const items: ItemRecord[] = [];
  const itemTitle = new Int32Array(totalItems);
  const idOf = (index: number) => itemExternalId(index, totalItems);
  let seriesNo = 0;
  kinds.forEach((kind, t) => {
    const creatorIndices = assigned[kind][used[kind]++] ?? [];
    const region = creators.regions[creatorIndices[0] ?? 0] ?? 'north-america';
    const draft = titleItem(kind, rng, {
      externalId: idOf(items.length),
      creators: creatorIndices.map((c) => ({
        externalId: creators.records[c]?.externalId ?? '',
        role: CREATOR_ROLES[kind],
      })),
      creatorName: creators.records[creatorIndices[0] ?? 0]?.name ?? '',
      language: rng.weighted(LANGUAGES_BY_REGION[region]),
    });
    titles.item[t] = items.length;
    titles.kind[t] = TITLE_KINDS.indexOf(kind);
    titles.level[t] = audienceLevel(draft.record.maturity);
    titles.underrepresented[t] = creatorIndices.some((c) => creators.underrepresented[c] === 1) ? 1 : 0;
    titles.genres.push(draft.genres);
    itemTitle[items.length] = t;
    items.push(draft.record);
    if (kind === 'series') {
      const { episodes, perSeason } = plan.series[seriesNo++] ?? { episodes: 1, perSeason: 1 };
      titles.episodes[t] = episodes;
      for (const episode of episodeItems(draft.record, episodes, perSeason, rng, idOf, items.length)) {
        itemTitle[items.length] = t;
        items.push(episode);
      }
    }
  });
  if (items.length !== totalItems) throw new Error(`planned ${totalItems} items, made ${items.length}`);
  return { genres: genreRecords(), creators, items, titles, itemTitle };
}
