import { errorMapping, type ApiErrorCode } from '@claimtrail/platform';
import { ClaimError, type ClaimErrorCode } from '../domain/index.js';

const CODES: Record<ClaimErrorCode, ApiErrorCode> = {
  VALIDATION_FAILED: 'BAD_USER_INPUT',
  CLAIM_NOT_FOUND: 'NOT_FOUND',
  CLAIM_ALREADY_EXISTS: 'CONFLICT',
  VERSION_CONFLICT: 'CONFLICT',
  COMMAND_ID_REUSED: 'CONFLICT',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  DEADLINE_PASSED: 'DEADLINE_PASSED',
  REMITTANCE_UNBALANCED: 'BAD_USER_INPUT',
};

const MEANINGS: Record<ClaimErrorCode, string> = {
  VALIDATION_FAILED: 'A field breaks a claim rule (format, range, calendar date, pointers).',
  CLAIM_NOT_FOUND: 'The command names a claim that was never submitted.',
  CLAIM_ALREADY_EXISTS: 'A claim with this id was already submitted.',
  VERSION_CONFLICT:
    'The claim is not at `expectedVersion`, or another command kept winning the race after the server retried.',
  COMMAND_ID_REUSED:
    'This `commandId` was already used for a different command (other content or another claim).',
  INVALID_TRANSITION: "The command is not allowed in the claim's state.",
  DEADLINE_PASSED: 'The deadline for this action has passed.',
  REMITTANCE_UNBALANCED:
    'The remittance does not balance: billed − paid must equal the sum of the adjustments.',
};

/** A refused claim command, as the API answers it: the domain's code is the reason. */
export const claimErrorMapping = errorMapping({
  errorClass: ClaimError,
  reasonOf: (error) => error.code,
  fieldOf: (error) => error.field,
  codes: CODES,
  meanings: MEANINGS,
});
