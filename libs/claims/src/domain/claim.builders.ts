// Builders with valid defaults, shared by the domain specs and the API's end-to-end tests.
import type { SubmitClaim } from './claim.commands.js';
import type { ClaimSubmitted } from './claim.events.js';

export const SUBMITTED_AT = '2026-03-10T15:00:00.000Z';

export function submitClaim(overrides: Partial<SubmitClaim> = {}): SubmitClaim {
  return {
    type: 'SubmitClaim',
    claimId: 'CLM-1001',
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
    occurredAt: SUBMITTED_AT,
    ...overrides,
  };
}

export function claimSubmitted(overrides: Partial<ClaimSubmitted['data']> = {}): ClaimSubmitted {
  const command = submitClaim();
  return {
    type: 'ClaimSubmitted',
    data: {
      claimId: command.claimId,
      patientRef: command.patientRef,
      providerNpi: command.providerNpi,
      payerId: command.payerId,
      serviceDateFrom: '2026-03-02',
      serviceDateTo: '2026-03-02',
      diagnoses: command.diagnoses,
      lines: command.lines.map((line, i) => ({ lineNumber: i + 1, ...line })),
      totalChargeCents: 100_000,
      submittedAt: SUBMITTED_AT,
      ...overrides,
    },
  };
}
