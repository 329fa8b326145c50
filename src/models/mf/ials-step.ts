import { addGramRows } from './dense-linear-algebra.js';
import { solveRowsCg } from './ials-conjugate-gradient.js';
import type { IalsCommand, IalsSharedState } from './ials-messages.js';

/** Runs one piece of a training step on the shared state; the same code runs in workers and inline. */
export function runIalsCommand(state: IalsSharedState, command: IalsCommand): void {
  const f = state.factors;
  const users = command.side === 'users';
  if (command.type === 'gram') {
    state.gram.fill(0, command.from * f, command.to * f);
    const factors = users ? state.userFactors : state.itemFactors;
    addGramRows(factors, users ? state.nUsers : state.nItems, f, state.gram, command.from, command.to);
    return;
  }
  solveRowsCg(
    {
      target: users ? state.userFactors : state.itemFactors,
      fixed: users ? state.itemFactors : state.userFactors,
      gram: state.gram,
      rows: users ? state.byUser : state.byItem,
      factors: f,
      regularization: state.regularization,
      cgSteps: state.cgSteps,
    },
    command.from,
    command.to,
  );
}
