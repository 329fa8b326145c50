/**
 * Converting between zero-concentrated DP and (ε, δ)-DP. The discrete Gaussian with variance parameter
 * σ² on a query whose L2 sensitivity is Δ satisfies ρ-zCDP with ρ = Δ² / (2σ²) (CKS 2020; for a vector
 * of independent draws because Rényi divergences of independent coordinates add). ρ-zCDP implies (ε, δ)-DP
 * for every ε ≥ 0 with (CKS 2020, Section 2.3)
 *
 *   δ = inf_{α > 1} exp((α - 1)(αρ - ε)) / (α - 1) · (1 - 1/α)^α,
 *
 * which is tighter than the classic δ = exp(-(ε - ρ)² / (4ρ)). Every α > 1 gives a valid bound, so a
 * search that misses the optimum only overstates δ.
 */

/** δ such that ρ-zCDP implies (ε, δ)-DP. */
export function zcdpDelta(rho: number, epsilon: number): number {
  if (!(rho >= 0) || !(epsilon >= 0)) throw new Error(`need ρ ≥ 0 and ε ≥ 0, got ρ=${rho}, ε=${epsilon}`);
  if (rho === 0) return 0;
  // The objective is convex in α; bisect on its derivative. α ≥ 1.01 keeps log1p(-1/α) stable.
  let low = 1.01;
  let high = (epsilon + 1) / (2 * rho) + 2;
  let alpha = low;
  for (let i = 0; i < 200; i += 1) {
    alpha = (low + high) / 2;
    const derivative = (2 * alpha - 1) * rho - epsilon + Math.log1p(-1 / alpha);
    if (derivative < 0) low = alpha;
    else high = alpha;
  }
  const delta =
    Math.exp((alpha - 1) * (alpha * rho - epsilon) + alpha * Math.log1p(-1 / alpha)) / (alpha - 1);
  return Math.min(1, delta);
}

/** The classic conversion (Bun & Steinke 2016), looser; kept to show the tighter one is never worse. */
export function zcdpDeltaClassic(rho: number, epsilon: number): number {
  if (rho === 0) return 0;
  return epsilon <= rho ? 1 : Math.min(1, Math.exp(-((epsilon - rho) ** 2) / (4 * rho)));
}

/**
 * The largest ρ whose conversion gives at most (ε, δ). The target δ is shrunk by one part in a million
 * before the search so that floating-point error in `zcdpDelta` cannot tip the result past the target.
 */
export function zcdpRhoFor(epsilon: number, delta: number): number {
  if (!(epsilon > 0) || !(delta > 0 && delta < 1)) {
    throw new Error(`need ε > 0 and 0 < δ < 1, got ε=${epsilon}, δ=${delta}`);
  }
  const target = delta * (1 - 1e-6);
  let low = 0;
  let high = epsilon + 1;
  for (let i = 0; i < 200; i += 1) {
    const rho = (low + high) / 2;
    if (zcdpDelta(rho, epsilon) <= target) low = rho;
    else high = rho;
  }
  return low;
}
