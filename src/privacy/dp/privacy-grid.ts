import { decimalOf, floorToGrid, rational, type Rational } from './rational.js';

/**
 * Privacy parameters arrive as doubles. Mechanisms and the budget ledger both work on one exact grid
 * instead: ε in whole millionths, δ in whole 10⁻¹⁵ths. A double is read as the decimal it prints as
 * (0.3 is 3/10, see `decimalOf`) and then rounded *down* onto the grid, so 0.1234567 becomes 0.123456.
 *
 * Why this way round: a mechanism calibrated to the rounded-down ε adds at least the noise that was asked
 * for, so its true guarantee is at least as strong as the request; and the ledger charges exactly the
 * grid value the mechanism used, so charges add up as integers (ten queries at 0.1 spend exactly 1, not
 * 1.0000000000000002). A grid value prints back as the same decimal, so quantizing twice changes nothing.
 */
export const EPSILON_GRID = 1_000_000n;
export const DELTA_GRID = 1_000_000_000_000_000n;

export interface PrivacyCost {
  readonly epsilon: number;
  readonly delta: number;
}

/** A privacy cost on the grid, in whole units. */
export interface GridCost {
  readonly epsilonUnits: bigint;
  readonly deltaUnits: bigint;
}

function checkParameter(name: string, value: number, max: number): void {
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw new Error(`${name} must be a number in [0, ${max}], got ${value}`);
  }
}

/** ε in millionths, rounded down. Capped where a double still prints every grid value exactly. */
export function epsilonUnits(epsilon: number): bigint {
  checkParameter('epsilon', epsilon, 1e9);
  return floorToGrid(decimalOf(epsilon), EPSILON_GRID);
}

/** δ in 10⁻¹⁵ths, rounded down. */
export function deltaUnits(delta: number): bigint {
  checkParameter('delta', delta, 1);
  return floorToGrid(decimalOf(delta), DELTA_GRID);
}

export function toGrid(cost: PrivacyCost): GridCost {
  return { epsilonUnits: epsilonUnits(cost.epsilon), deltaUnits: deltaUnits(cost.delta) };
}

/** The double that prints as the grid value; `toGrid` of it gives the same units back. */
export function fromGrid(cost: GridCost): PrivacyCost {
  return {
    epsilon: Number(cost.epsilonUnits) / Number(EPSILON_GRID),
    delta: Number(cost.deltaUnits) / Number(DELTA_GRID),
  };
}

export const epsilonRational = (units: bigint): Rational => rational(units, EPSILON_GRID);
