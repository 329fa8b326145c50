import type { AccessAttempt, AccessGroup, AttemptOutcome } from './access-attempt.js';
import { judgeResponse } from './judge-response.js';
import { sendAttempt } from './send-attempt.js';

const MAX_PATH = 120;

/** Sends attempts one by one (so that a crash is pinned to the request that caused it) and keeps their outcomes. */
export class AttemptLog {
  readonly outcomes: AttemptOutcome[] = [];
  /** Setup steps inside a group that did not go as planned: the attempts relying on them prove less. */
  readonly notes: string[] = [];

  constructor(private readonly baseUrl: string) {}

  async attempt(attempt: AccessAttempt): Promise<AttemptOutcome> {
    const response = await sendAttempt(this.baseUrl, attempt.request);
    const verdict = judgeResponse(attempt, response);
    const path = attempt.request.path;
    const outcome: AttemptOutcome = {
      group: attempt.group,
      name: attempt.name,
      method: attempt.request.method,
      path: path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}... (${path.length} chars)` : path,
      status: response.status,
      mustRefuse: attempt.mustRefuse,
      refused: verdict.refused,
      success: verdict.success,
      reasons: verdict.reasons,
    };
    this.outcomes.push(outcome);
    return outcome;
  }

  note(message: string): void {
    this.notes.push(message);
  }

  /**
   * A check on the state the attacks left (another viewer's data unchanged, no role gained): a success of
   * the attacks when `violation` says what went wrong.
   */
  check(group: AccessGroup, name: string, violation: string | null): void {
    this.outcomes.push({
      group,
      name,
      method: 'CHECK',
      path: '',
      status: 0,
      mustRefuse: false,
      refused: false,
      success: violation !== null,
      reasons: violation === null ? [] : [violation],
    });
  }
}
