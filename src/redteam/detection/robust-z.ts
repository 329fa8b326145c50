/**
 * Robust standard scores: (x - median) / (1.4826 * MAD), so that the fake profiles themselves (a few
 * percent of the data, all at one extreme) barely move the centre or the scale they are measured by.
 * When more than half the values are equal (MAD 0), the mean absolute deviation from the median stands
 * in; when every value is equal, every score is 0. NaN stays NaN.
 */
export function robustZ(values: Float64Array): Float64Array {
  const finite = values.filter((v) => !Number.isNaN(v)).sort();
  const out = new Float64Array(values.length);
  if (finite.length === 0) return out.fill(Number.NaN);
  const median = medianOfSorted(finite);
  const deviations = finite.map((v) => Math.abs(v - median)).sort();
  let scale = 1.4826 * medianOfSorted(deviations);
  if (!(scale > 0)) {
    let sum = 0;
    for (const d of deviations) sum += d;
    // Mean absolute deviation of a normal distribution is 0.7979 sigma.
    scale = sum / deviations.length / 0.7979;
  }
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    out[i] = Number.isNaN(v) ? Number.NaN : scale > 0 ? (v - median) / scale : 0;
  }
  return out;
}

function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
