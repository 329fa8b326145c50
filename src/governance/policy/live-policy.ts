import type { VersionedPolicy } from '../../config/serving-policy.js';

/**
 * The policy a process serves under, with everything built from it, behind one reference. A change
 * builds the whole new state first and then replaces the reference in one assignment, so a request
 * sees either the old policy and all its parts or the new one, never a mix; a state that fails to build
 * (e.g. a safety provider the config cannot reach) leaves the old one serving.
 */
export class LivePolicy<State extends { readonly policy: VersionedPolicy }> {
  private state: State;

  constructor(
    private readonly build: (policy: VersionedPolicy) => State,
    initial: VersionedPolicy,
  ) {
    this.state = build(initial);
  }

  get current(): State {
    return this.state;
  }

  get version(): string {
    return this.state.policy.version;
  }

  /** Serves `next` from now on; throws (and changes nothing) when its state cannot be built. */
  swap(next: VersionedPolicy): State {
    return this.commit(this.prepare(next));
  }

  /** Builds the state `next` would serve under, without serving it yet (throws when it cannot). */
  prepare(next: VersionedPolicy): State {
    return this.build(next);
  }

  /** Serves a prepared state from now on. */
  commit(state: State): State {
    this.state = state;
    return state;
  }
}
