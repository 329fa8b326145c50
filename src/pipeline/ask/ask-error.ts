export const MAX_ASK_TEXT_LENGTH = 500;

export type AskErrorCode = 'ask-text-too-long';

/**
 * A request the ask parser refuses because of its input (the route answers 400). The length cap keeps
 * parsing cheap and bounded, whatever a client sends.
 */
export class AskInputError extends Error {
  constructor(
    readonly code: AskErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AskInputError';
  }
}
