/**
 * How far apart two distributions over the same bins are. Both measures take counts (or weights) per bin,
 * aligned by index, and normalize them to shares first, so a baseline of a million events compares with a
 * week of a few hundred.
 */

/**
 * The share an empty bin is given in the PSI: 1 in 10 000. The PSI's log ratio is infinite when a bin is
 * empty on one side; with this floor a bin that only one side has contributes about p · ln(p / ε), which
 * for any share above a few percent is well past the 0.2 "act" level, so a genre appearing from nowhere
 * still alerts, while a bin both sides leave empty contributes nothing.
 */
export const PSI_EMPTY_BIN_SHARE = 1e-4;

function shares(counts: readonly number[], name: string): number[] {
  let total = 0;
  for (const [bin, count] of counts.entries()) {
    if (!(Number.isFinite(count) && count >= 0)) throw new Error(`${name}[${bin}] is not a count: ${count}`);
    total += count;
  }
  if (total === 0) throw new Error(`${name} is empty: nothing to compare`);
  return counts.map((count) => count / total);
}

function aligned(expected: readonly number[], actual: readonly number[]): [number[], number[]] {
  if (expected.length !== actual.length) {
    throw new Error(`histograms are not aligned: ${expected.length} bins against ${actual.length}`);
  }
  return [shares(expected, 'expected'), shares(actual, 'actual')];
}

/**
 * Population stability index: Σ (a − e) · ln(a / e) over bins, e the expected (baseline) share and a the
 * actual (recent) one; a bin empty on one side takes PSI_EMPTY_BIN_SHARE. 0 for equal distributions;
 * the usual reading is < 0.1 stable, 0.1 to 0.2 watch, ≥ 0.2 shifted.
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  const [e, a] = aligned(expected, actual);
  let psi = 0;
  for (let bin = 0; bin < e.length; bin += 1) {
    const eb = e[bin] as number;
    const ab = a[bin] as number;
    if (eb === 0 && ab === 0) continue;
    const ef = Math.max(eb, PSI_EMPTY_BIN_SHARE);
    const af = Math.max(ab, PSI_EMPTY_BIN_SHARE);
    psi += (af - ef) * Math.log(af / ef);
  }
  return psi;
}

/** Σ p · log2(p / q) over bins where p > 0 (q > 0 there by construction of the mixture). */
function kl2(p: readonly number[], q: readonly number[]): number {
  let sum = 0;
  for (let bin = 0; bin < p.length; bin += 1) {
    const pb = p[bin] as number;
    if (pb > 0) sum += pb * Math.log2(pb / (q[bin] as number));
  }
  return sum;
}

/**
 * Jensen-Shannon divergence in bits: the mean Kullback-Leibler divergence of each distribution from
 * their average. Symmetric, needs no smoothing (the average is positive wherever either is), 0 for equal
 * distributions and 1 for distributions with no bin in common.
 */
export function jensenShannonDivergence(p: readonly number[], q: readonly number[]): number {
  const [pp, qq] = aligned(p, q);
  const m = pp.map((value, bin) => (value + (qq[bin] as number)) / 2);
  // Rounding can leave a hair outside [0, 1]; the measure itself cannot be.
  return Math.min(1, Math.max(0, (kl2(pp, m) + kl2(qq, m)) / 2));
}
