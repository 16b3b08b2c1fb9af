/** Who sent a command and how to treat it; resolved from the request, never from the domain. */
export interface CommandContext {
  actor: string;
  /** Sending the same command id again returns the first result and appends nothing. */
  commandId?: string;
  correlationId?: string;
  /** The version the caller last saw; a different current version is a conflict, not a retry. */
  expectedVersion?: number;
  /** Business time; the clock's now when absent. */
  occurredAt?: string;
}

export interface CommandResult {
  claimId: string;
  version: number;
  position: string;
}
