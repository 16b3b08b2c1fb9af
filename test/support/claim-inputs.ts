import type { SubmitClaim } from '@claimtrail/claims';
import {
  acknowledgeClaim,
  appealClaim,
  assignClaim,
  billPatient,
  decideAppeal,
  denyClaim,
  logFollowUp,
  pendClaim,
  recordPatientPayment,
  recordPayment,
  referToCollections,
  rejectClaim,
  resolveCredit,
  resubmitClaim,
  reversePayment,
  submitAdditionalInfo,
  submitClaim,
  voidClaim,
  writeOffBalance,
} from '@claimtrail/claims/testing';

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

type Input = Record<string, unknown>;

/** A domain command builder's result as a GraphQL input: the same fields without the command type. */
function asInput(command: { type: string }): Input {
  const { type: _type, ...fields } = command as { type: string } & Input;
  return fields;
}

/**
 * Every claim mutation with a valid input from the domain builders (the story told in libs/claims/src/testing) and the
 * mutations that bring a claim submitted at SUBMITTED_AT to a state that accepts it.
 */
export type Step = string | { mutation: string; input: () => Input };

export const CLAIM_MUTATIONS: Record<string, { after: Step[]; input: () => Input }> = {
  acknowledgeClaim: { after: [], input: () => asInput(acknowledgeClaim()) },
  rejectClaim: { after: [], input: () => asInput(rejectClaim()) },
  resubmitClaim: {
    after: ['rejectClaim'],
    input: () => {
      const { frequencyCode, ...fields } = asInput(resubmitClaim());
      return { ...fields, frequency: frequencyCode === '1' ? 'ORIGINAL' : 'CORRECTED' };
    },
  },
  pendClaim: { after: [], input: () => asInput(pendClaim()) },
  submitAdditionalInfo: { after: ['pendClaim'], input: () => asInput(submitAdditionalInfo()) },
  denyClaim: { after: [], input: () => asInput(denyClaim()) },
  appealClaim: { after: ['denyClaim'], input: () => asInput(appealClaim()) },
  decideAppeal: { after: ['denyClaim', 'appealClaim'], input: () => asInput(decideAppeal()) },
  recordPayment: { after: [], input: () => asInput(recordPayment()) },
  reversePayment: { after: ['recordPayment'], input: () => asInput(reversePayment()) },
  billPatient: { after: ['recordPayment'], input: () => asInput(billPatient()) },
  recordPatientPayment: {
    after: ['recordPayment', 'billPatient'],
    input: () => asInput(recordPatientPayment()),
  },
  resolveCredit: {
    after: [
      'recordPayment',
      'billPatient',
      {
        mutation: 'recordPatientPayment',
        input: () => asInput(recordPatientPayment({ amountCents: 20_000 })),
      },
    ],
    input: () => asInput(resolveCredit({ side: 'PATIENT', amountCents: 5_000 })),
  },
  writeOffBalance: { after: ['denyClaim'], input: () => asInput(writeOffBalance()) },
  referToCollections: {
    after: [
      'recordPayment',
      'billPatient',
      { mutation: 'billPatient', input: () => asInput(billPatient({ statementId: 'STM-2' })) },
      { mutation: 'billPatient', input: () => asInput(billPatient({ statementId: 'STM-3' })) },
    ],
    input: () => asInput(referToCollections({ occurredAt: '2026-07-15T10:00:00.000Z' })),
  },
  voidClaim: { after: [], input: () => asInput(voidClaim()) },
  logFollowUp: { after: [], input: () => asInput(logFollowUp()) },
  assignClaim: { after: [], input: () => asInput(assignClaim()) },
};

export const claimMutation = (name: string): string => {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  return `mutation Run($input: ${type}!) { ${name}(input: $input) { claimId version position } }`;
};

/**
 * A claim the X12 fixtures pay (test/fixtures/x12): one 99213 line per charge, served 2024-12-01 and billed
 * 2025-03-01, before any of their remittances.
 */
export function remittedClaimInput(
  claimId: string,
  charges: readonly number[],
  overrides: Record<string, unknown> = {},
): SubmitClaimInput {
  return submitClaimInput({
    claimId,
    lines: charges.map((chargeCents) => ({
      procedureCode: '99213',
      modifiers: [],
      units: 1,
      chargeCents,
      diagnosisPointers: [1],
      serviceDate: '2024-12-01',
    })),
    occurredAt: '2025-03-01T12:00:00.000Z',
    ...overrides,
  });
}
