/**
 * The one HTTP error type. Rendered as RFC 9457 problem details; `type` is a stable identifier clients
 * can switch on, `field` names the failing input when there is one.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly type: string;
  readonly field: string | undefined;

  constructor(status: number, problem: { type: string; detail: string; field?: string }) {
    super(problem.detail);
    this.name = 'HttpError';
    this.status = status;
    this.type = problem.type;
    this.field = problem.field;
  }
}

export const PROBLEM_TYPE_BASE = 'https://candor.dev/problems/';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  field?: string;
}
