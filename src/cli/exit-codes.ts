/** What a non-zero exit means, so scripts can tell a typo from bad data from a dead database. */
export const EXIT = {
  ok: 0,
  /** Unexpected failure: a bug or an environment problem; the message says which. */
  failure: 1,
  /** The command line itself is wrong: unknown option, missing or malformed argument. */
  usage: 2,
  /** The input data is invalid (bad row, bad file); nothing was written. */
  data: 3,
  /** A required service (database, port) is unavailable. */
  unavailable: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
