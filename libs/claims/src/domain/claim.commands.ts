import type { ServiceLine } from './claim.events.js';

/** Business time of the command: resolved by the handler (the caller's occurredAt, else the clock). */
interface Timed {
  occurredAt: string;
}

export interface SubmitClaim extends Timed {
  type: 'SubmitClaim';
  claimId: string;
  patientRef: string;
  providerNpi: string;
  payerId: string;
  diagnoses: string[];
  lines: Omit<ServiceLine, 'lineNumber'>[];
}

export type ClaimCommand = SubmitClaim;
