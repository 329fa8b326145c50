import { COMPLETE, LIKE, RATING, VIEW } from './interaction-log.js';
import type { SeededRandom } from './seeded-random.js';
import type { TitleKind } from './synthetic-creators.js';
import type { ViewerSession } from './viewer-session.js';

/** Relevance at which a viewer is as likely as not to be satisfied, and how steeply satisfaction rises. */
const SATISFACTION_MIDPOINT = 0.3;
const SATISFACTION_SLOPE = 5;

/** What the viewer chose: a film or track (one item) or a series (its episodes follow its item). */
export interface Pick {
  kind: TitleKind;
  /** Item index of the title. */
  item: number;
  episodes: number;
  /** The viewer's true relevance for the title. */
  relevance: number;
  minutesOf(item: number): number;
}

/** 0..1: how much the viewer liked what they chose, a logistic function of true relevance. */
export function satisfaction(relevance: number): number {
  return 1 / (1 + Math.exp(-SATISFACTION_SLOPE * (relevance - SATISFACTION_MIDPOINT)));
}

/** A rating 1-5 around 1 + 4 * satisfaction. */
export function ratingFor(rng: SeededRandom, relevance: number): number {
  return Math.min(5, Math.max(1, Math.round(1 + 4 * satisfaction(relevance) + rng.normal(0, 0.6))));
}

/**
 * Logs what a viewer does with a pick. A film or track: a view (value: the fraction watched), a
 * complete when watched to the end, then maybe a like and a rating. A series: its episodes in order
 * from the first, each viewed and usually completed, going on with a chance that grows with
 * satisfaction; then maybe a like and a rating of the series itself. Stops when the budget is spent.
 */
export function recordPick(session: ViewerSession, rng: SeededRandom, pick: Pick): void {
  const s = satisfaction(pick.relevance);
  session.startPick();
  if (pick.kind === 'series') {
    const keepWatching = 0.5 + 0.45 * s;
    for (let e = 0; e < pick.episodes; e++) {
      const episode = pick.item + 1 + e;
      const last = e === pick.episodes - 1 || !rng.chance(keepWatching);
      const completes = last ? rng.chance(0.3 + 0.6 * s) : rng.chance(0.92);
      if (!watch(session, rng, episode, pick.minutesOf(episode), completes)) break;
      session.wait(rng.intBetween(30, 900));
      if (last) break;
    }
    react(session, rng, pick, s, 0.2);
  } else {
    const track = pick.kind === 'track';
    const completes = rng.chance(track ? 0.55 + 0.4 * s : 0.3 + 0.6 * s);
    watch(session, rng, pick.item, pick.minutesOf(pick.item), completes);
    react(session, rng, pick, s, track ? 0.08 : 0.22);
  }
  session.endPick();
}

/** A view, and a complete when watched to the end; false when the budget ran out. */
function watch(
  session: ViewerSession,
  rng: SeededRandom,
  item: number,
  minutes: number,
  completes: boolean,
): boolean {
  const fraction = completes ? 1 : Math.round(rng.between(0.05, 0.95) * 100) / 100;
  if (!session.emit(item, VIEW, fraction)) return false;
  session.wait(Math.max(1, Math.round(minutes * 60 * fraction)));
  return !completes || session.emit(item, COMPLETE, Number.NaN);
}

/** A like and a rating of the title, with chances that grow with satisfaction. */
function react(session: ViewerSession, rng: SeededRandom, pick: Pick, s: number, ratingChance: number): void {
  if (rng.chance(0.03 + 0.4 * s * s)) {
    session.wait(60);
    session.emit(pick.item, LIKE, Number.NaN);
  }
  if (rng.chance(ratingChance)) {
    session.wait(60);
    session.emit(pick.item, RATING, ratingFor(rng, pick.relevance));
  }
}
