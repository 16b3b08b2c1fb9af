export type ClaimErrorCode =
  | 'VALIDATION_FAILED'
  | 'CLAIM_NOT_FOUND'
  | 'CLAIM_ALREADY_EXISTS'
  | 'INVALID_TRANSITION'
  | 'DEADLINE_PASSED'
  | 'REMITTANCE_UNBALANCED'
  | 'VERSION_CONFLICT'
  | 'COMMAND_ID_REUSED';

/** A refused command. Messages name fields and rules, never values: a value may be patient data. */
export class ClaimError extends Error {
  constructor(
    readonly code: ClaimErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ClaimError';
  }
}

export const invalid = (field: string, rule: string): ClaimError =>
  new ClaimError('VALIDATION_FAILED', `${field} ${rule}`, field);
