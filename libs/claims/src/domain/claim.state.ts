import type { ServiceLine } from './claim.events.js';

export interface NoClaim {
  status: 'NONE';
}

interface ClaimFacts {
  claimId: string;
  payerId: string;
  providerNpi: string;
  serviceDateFrom: string;
  serviceDateTo: string;
  lines: ServiceLine[];
  totalChargeCents: number;
  submittedAt: string;
}

export interface SubmittedClaim extends ClaimFacts {
  status: 'SUBMITTED';
}

export type ClaimState = NoClaim | SubmittedClaim;
export type ClaimStatus = ClaimState['status'];

export const initialClaimState: ClaimState = { status: 'NONE' };
