import type { SubmitClaim } from '@claimtrail/claims';
import { submitClaim } from '@claimtrail/claims/testing';

type SubmitClaimInput = Omit<SubmitClaim, 'type' | 'payerRules' | 'occurredAt'> & Record<string, unknown>;

/** The domain builder's valid claim as a GraphQL input, under a fresh claim id. */
export function submitClaimInput(overrides: Record<string, unknown> = {}): SubmitClaimInput {
  const { type: _type, payerRules: _rules, occurredAt: _at, ...input } = submitClaim();
  return { ...input, claimId: `CLM-${Math.random().toString(36).slice(2, 10)}`, ...overrides };
}

export const SUBMIT_CLAIM = `mutation Submit($input: SubmitClaimInput!) {
  submitClaim(input: $input) { claimId version position }
}`;

export const CLAIM = `query Claim($id: ID!, $at: String) {
  claim(id: $id, atLeastPosition: $at) {
    id status payerId providerNpi patientRef serviceDate submittedAt totalChargeCents version
    lines { lineNumber procedureCode modifiers units chargeCents diagnosisPointers serviceDate }
  }
}`;
