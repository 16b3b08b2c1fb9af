import { claimSubmitted, given, submitClaim } from '../testing/index.js';
import { evolve } from './claim.evolve.js';
import { initialClaimState } from './claim.state.js';

const line = submitClaim().lines[0]!;

describe('no claim yet', () => {
  it('submits a claim with its total charge and service date range', () => {
    given([]).when(submitClaim()).then([claimSubmitted()]);
  });

  it('numbers lines and spans the service dates of all lines', () => {
    const command = submitClaim({
      lines: [
        { ...line, serviceDate: '2026-03-05', chargeCents: 1 },
        { ...line, serviceDate: '2026-03-01', chargeCents: 2 },
      ],
    });
    given([])
      .when(command)
      .then([
        claimSubmitted({
          serviceDateFrom: '2026-03-01',
          serviceDateTo: '2026-03-05',
          lines: [
            { lineNumber: 1, ...line, serviceDate: '2026-03-05', chargeCents: 1 },
            { lineNumber: 2, ...line, serviceDate: '2026-03-01', chargeCents: 2 },
          ],
          totalChargeCents: 3,
        }),
      ]);
  });

  it.each([
    ['a negative charge', { lines: [{ ...line, chargeCents: -100 }] }, 'lines[0].chargeCents'],
    ['a fractional charge', { lines: [{ ...line, chargeCents: 10.5 }] }, 'lines[0].chargeCents'],
    ['an absurd charge', { lines: [{ ...line, chargeCents: 100_000_001 }] }, 'lines[0].chargeCents'],
    ['no lines', { lines: [] }, 'lines'],
    ['a zero total', { lines: [{ ...line, chargeCents: 0 }] }, 'lines'],
    ['51 lines', { lines: Array.from({ length: 51 }, () => line) }, 'lines'],
    ['an impossible date', { lines: [{ ...line, serviceDate: '2026-02-30' }] }, 'lines[0].serviceDate'],
    [
      'a service date after submission',
      { lines: [{ ...line, serviceDate: '2026-03-11' }] },
      'lines[0].serviceDate',
    ],
    ['a payer id of the wrong format', { payerId: 'medicare tx' }, 'payerId'],
    ['an NPI with a bad check digit', { providerNpi: '1234567890' }, 'providerNpi'],
    [
      'an unknown procedure code format',
      { lines: [{ ...line, procedureCode: '9921' }] },
      'lines[0].procedureCode',
    ],
    ['a bad modifier', { lines: [{ ...line, modifiers: ['5'] }] }, 'lines[0].modifiers[0]'],
    ['zero units', { lines: [{ ...line, units: 0 }] }, 'lines[0].units'],
    [
      'a pointer to no diagnosis',
      { lines: [{ ...line, diagnosisPointers: [3] }] },
      'lines[0].diagnosisPointers',
    ],
    ['a diagnosis that is not ICD-10', { diagnoses: ['250.00'] }, 'diagnoses[0]'],
    ['a repeated diagnosis', { diagnoses: ['I10', 'I10'] }, 'diagnoses'],
    ['a claim id with spaces', { claimId: 'CLM 1' }, 'claimId'],
    ['a patient reference too long', { patientRef: 'P'.repeat(51) }, 'patientRef'],
  ])('refuses %s, naming the field', (_label, overrides, field) => {
    given([]).when(submitClaim(overrides)).thenThrows('VALIDATION_FAILED', field);
  });

  it('never echoes the patient reference in an error message', () => {
    const patientRef = 'SMITH-JOHN-1970-01-01-'.repeat(3);
    try {
      given([]).when(submitClaim({ patientRef })).then([]);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('SMITH');
      return;
    }
    throw new Error('expected a refusal');
  });
});

describe('submitted', () => {
  it('refuses a second submission of the same claim id', () => {
    given([claimSubmitted()]).when(submitClaim()).thenThrows('CLAIM_ALREADY_EXISTS', 'claimId');
  });

  it('evolves into SUBMITTED with the facts of the claim', () => {
    const state = evolve(initialClaimState, claimSubmitted());
    expect(state).toMatchObject({
      status: 'SUBMITTED',
      claimId: 'CLM-1001',
      money: { chargeCents: 100_000, paidCents: 0 },
      payerId: 'MCRTX',
    });
  });
});
