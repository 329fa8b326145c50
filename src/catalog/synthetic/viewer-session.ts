import type { InteractionLog } from './interaction-log.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * One viewer's events while they are simulated. Events go straight into the log; the session keeps
 * where each pick's events start, each event's offset in seconds from the start of its pick (the
 * pick's clock), and each pick's length, so that times can be laid out once the viewer is done.
 * Reused across viewers.
 */
export class ViewerSession {
  private viewer = 0;
  private first = 0;
  private stop = 0;
  private events = 0;
  private picks = 0;
  private clock = 0;
  private offsets = new Float64Array(256);
  private pickFirst = new Int32Array(64);
  private spans = new Float64Array(64);

  constructor(private readonly log: InteractionLog) {}

  /** Starts a viewer who may log up to `budget` events. */
  begin(viewer: number, budget: number): void {
    this.viewer = viewer;
    this.first = this.log.count;
    this.stop = this.log.count + budget;
    this.events = 0;
    this.picks = 0;
  }

  get full(): boolean {
    return this.log.count >= this.stop;
  }

  startPick(): void {
    if (this.picks >= this.pickFirst.length) {
      this.pickFirst = grow(this.pickFirst, new Int32Array(this.pickFirst.length * 2));
      this.spans = grow(this.spans, new Float64Array(this.spans.length * 2));
    }
    this.pickFirst[this.picks] = this.events;
    this.clock = 0;
  }

  /** Logs an event at the pick's clock; false (and nothing logged) once the budget is spent. */
  emit(item: number, kind: number, value: number): boolean {
    if (this.full) return false;
    this.log.push(this.viewer, item, kind, value);
    if (this.events >= this.offsets.length)
      this.offsets = grow(this.offsets, new Float64Array(this.offsets.length * 2));
    this.offsets[this.events] = this.clock;
    this.events += 1;
    return true;
  }

  /** Moves the pick's clock on. */
  wait(seconds: number): void {
    this.clock += seconds;
  }

  endPick(): void {
    this.spans[this.picks] = this.clock + 60;
    this.picks += 1;
  }

  /**
   * Gives the viewer's events times (seconds after the period start) in [join, period): picks keep
   * their order and inner offsets and are spread over the time left with random gaps (sorted uniform
   * draws), squeezed if a very busy viewer would not fit in 90% of it. Times strictly increase.
   */
  layoutTimes(join: number, periodSeconds: number, rng: SeededRandom): void {
    const { picks, events, first } = this;
    if (picks === 0) return;
    const available = periodSeconds - join;
    let busy = 0;
    for (let p = 0; p < picks; p++) busy += this.spans[p] ?? 0;
    const scale = Math.min(1, (0.9 * available) / busy);
    // One second per event is held back for the nudges that keep times strictly increasing.
    const free = available - busy * scale - events;
    if (free < 0) throw new Error(`cannot fit ${events} events in ${available} seconds`);
    const gaps = new Float64Array(picks);
    for (let p = 0; p < picks; p++) gaps[p] = rng.uniform();
    gaps.sort();

    let before = 0;
    let previous = -1;
    for (let p = 0; p < picks; p++) {
      const start = join + before * scale + (gaps[p] ?? 0) * free;
      const end = p + 1 < picks ? (this.pickFirst[p + 1] ?? events) : events;
      for (let e = this.pickFirst[p] ?? 0; e < end; e++) {
        let time = Math.floor(start + (this.offsets[e] ?? 0) * scale);
        if (time <= previous) time = previous + 1;
        this.log.time[first + e] = time;
        previous = time;
      }
      before += this.spans[p] ?? 0;
    }
    if (previous >= periodSeconds)
      throw new Error(`event time ${previous} s is past the period (${periodSeconds} s)`);
  }
}

function grow<A extends Int32Array | Float64Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
