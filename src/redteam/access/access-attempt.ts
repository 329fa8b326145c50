/** The attack groups, one per variant of the `access` family. */
export const ACCESS_GROUPS = ['id-guessing', 'role-escalation', 'tokens', 'bodies'] as const;
export type AccessGroup = (typeof ACCESS_GROUPS)[number];

/** A request as an attacker sends it. */
export interface AttackRequest {
  readonly method: string;
  /** Path and query string. */
  readonly path: string;
  /**
   * Send the path byte for byte: fetch resolves dot segments (`/a/%2e%2e/b` becomes `/b`) before a
   * request leaves, which would spare the server the very paths a traversal attack sends.
   */
  readonly verbatim?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON (with its content type) unless `raw` is given. */
  readonly json?: unknown;
  /** Sent byte for byte, with only the headers given; a function streams it without a length. */
  readonly raw?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
}

/** Something the answer must never contain: another viewer's id, a server secret. */
export interface Secret {
  /** Printed in reports instead of the value. */
  readonly label: string;
  readonly value: string;
}

export interface AccessAttempt {
  readonly group: AccessGroup;
  /** What is tried, in a few words: printed in reports. */
  readonly name: string;
  readonly request: AttackRequest;
  /** Whether the server must refuse: then any 2xx is a success of the attack. */
  readonly mustRefuse: boolean;
  readonly secrets: readonly Secret[];
}

/** What came back; status 0 when no answer did. */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** For status 0: why, and whether the server still answered its health check afterwards. */
  readonly error?: string;
  readonly serverAlive?: boolean;
}

export interface AttemptOutcome {
  readonly group: AccessGroup;
  readonly name: string;
  readonly method: string;
  /** The path with long values shortened, for reports. */
  readonly path: string;
  readonly status: number;
  readonly mustRefuse: boolean;
  /** An error status (4xx, or a connection the server closed while alive). */
  readonly refused: boolean;
  readonly success: boolean;
  /** Why the attack counts as a success; empty when it does not. */
  readonly reasons: readonly string[];
}
