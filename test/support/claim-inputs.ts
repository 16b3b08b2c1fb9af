export function submitClaimInput(overrides: Record<string, unknown> = {}) {
  return {
    claimId: `CLM-${Math.random().toString(36).slice(2, 10)}`,
    patientRef: 'PT-42',
    providerNpi: '1234567893',
    payerId: 'MCRTX',
    diagnoses: ['E11.9', 'I10'],
    lines: [
      {
        procedureCode: '99214',
        modifiers: ['25'],
        units: 1,
        chargeCents: 60_000,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-03-02',
      },
      {
        procedureCode: '93000',
        modifiers: [],
        units: 1,
        chargeCents: 40_000,
        diagnosisPointers: [2],
        serviceDate: '2026-03-02',
      },
    ],
    ...overrides,
  };
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
