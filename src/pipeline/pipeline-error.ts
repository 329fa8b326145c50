export type PipelineErrorCode = 'unknown-item' | 'unknown-subject' | 'invalid-request';

/**
 * A request the pipeline cannot answer because of its input (not a bug): an unknown item or subject, a
 * limit out of range. `field` names the failing input, for problem details.
 */
export class PipelineError extends Error {
  constructor(
    readonly code: PipelineErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}
