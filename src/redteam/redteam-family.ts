/**
 * What `candor redteam` runs: families of attacks (`shilling`, `gateway`, `access`),
 * each with variants named `family:variant` on the command line. A family validates its own options and
 * loads what its variants share once, into a disposable copy that no run can leak back into.
 */
export interface RedteamResult {
  /** `family:variant`, e.g. `shilling:average`. */
  kind: string;
  /** Whether the run met the goals its family sets; null when it sets none. */
  passed: boolean | null;
  /** Everything measured, as JSON. */
  report: Record<string, unknown>;
  /** The same in a few readable lines. */
  summary: string;
}

export interface RedteamContext {
  /** Progress for a person watching (stderr); silent under --json. */
  info(message: string): void;
}

export interface PreparedFamily {
  run(variant: string): Promise<RedteamResult>;
  /** Releases what prepare made (a temporary copy of the data); the command calls it after the runs. */
  close?(): Promise<void>;
}

export interface RedteamFamily {
  readonly name: string;
  readonly description: string;
  readonly variants: readonly string[];
  /** Validates the options (throwing an Error that names the bad one) and loads the shared data. */
  prepare(options: Readonly<Record<string, unknown>>, context: RedteamContext): Promise<PreparedFamily>;
}

/** Thrown for options a family cannot run with: the CLI turns it into a usage error. */
export class RedteamOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedteamOptionError';
  }
}
