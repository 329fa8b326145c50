/**
 * Code points and, beside each, the index in the original string it came from: what each step of
 * normalization reads and writes. Steps reuse a few of these (normalization runs on every text the
 * gateway sees; JavaScript's single thread makes sharing safe), so a call allocates only its result.
 */
export class CodeBuffer {
  cps = new Int32Array(2048);
  src = new Int32Array(2048);
  length = 0;

  reset(capacity: number): this {
    if (this.cps.length < capacity) {
      this.cps = new Int32Array(capacity * 2);
      this.src = new Int32Array(capacity * 2);
    }
    this.length = 0;
    return this;
  }

  push(cp: number, from: number): void {
    if (this.length === this.cps.length) {
      const cps = new Int32Array(this.cps.length * 2);
      cps.set(this.cps);
      this.cps = cps;
      const src = new Int32Array(this.src.length * 2);
      src.set(this.src);
      this.src = src;
    }
    this.cps[this.length] = cp;
    this.src[this.length] = from;
    this.length += 1;
  }

  /** The code point at i, or -1 outside the buffer's content. */
  at(i: number): number {
    return i >= 0 && i < this.length ? (this.cps[i] as number) : -1;
  }

  /** The code points in [start, end) as a string (short spans: a word, a separator). */
  slice(start: number, end: number): string {
    let out = '';
    for (let i = start; i < end; i++) out += String.fromCodePoint(this.cps[i] as number);
    return out;
  }
}
