import {
  acknowledgeClaim,
  additionalInfoSubmitted,
  claimAcknowledged,
  claimOf,
  claimPended,
  claimRejected,
  claimResubmitted,
  claimSubmitted,
  given,
  history,
  pendClaim,
  rejectClaim,
  resubmitClaim,
  sealedIdentity,
  stateOf,
  submitAdditionalInfo,
  submitClaim,
} from '../../testing/index.js';
import { MEDICARE_RULES } from '../claim.money.js';
import { evolve } from '../claim.evolve.js';
import { initialClaimState } from '../claim.state.js';

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
    [
      'a payer rule version that is not a whole number',
      { payerRules: { ...MEDICARE_RULES, version: 1.5 } },
      'payerRules.version',
    ],
  ])('refuses %s, naming the field', (_label, overrides, field) => {
    given([]).when(submitClaim(overrides)).thenThrows('VALIDATION_FAILED', field);
  });

  it("records the version of the payer's rules its deadlines come from", () => {
    const payerRules = { timelyFilingDays: 90, appealWindowDays: [60], responseDays: 20, version: 2 };
    given([])
      .when(submitClaim({ payerRules }))
      .then([claimSubmitted({ payerRules })]);
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

  describe('with a sealed patient identity', () => {
    it('carries the sealed identity on the event, untouched', () => {
      const sealed = sealedIdentity();
      given([])
        .when(submitClaim({ patientIdentity: sealed }))
        .then([claimSubmitted({ patientIdentity: sealed })]);
    });

    it('keeps the sealed identity in the claim state, for the edge to open', () => {
      const sealed = sealedIdentity();
      expect(stateOf([claimSubmitted({ patientIdentity: sealed })])).toMatchObject({
        patientIdentity: sealed,
      });
    });

    it.each([
      ['plaintext identity', { lastName: 'DOE', firstName: 'JANE', birthDate: '1980-01-01', memberId: 'M1' }],
      ['a sealed value with plaintext beside it', { ...sealedIdentity(), lastName: 'DOE' }],
      ['an unknown format version', sealedIdentity({ v: 2 as never })],
      ['a short IV', sealedIdentity({ iv: Buffer.alloc(8).toString('base64') })],
      ['a tag that is not base64', sealedIdentity({ tag: 'not base64 at all!!!!!!!' })],
      ['empty data', sealedIdentity({ data: '' })],
      ['oversized data', sealedIdentity({ data: 'A'.repeat(4100) })],
      ['a string', 'DOE^JANE'],
    ])('refuses %s, with no event', (_label, patientIdentity) => {
      given([])
        .when(submitClaim({ patientIdentity: patientIdentity as never }))
        .thenThrows('VALIDATION_FAILED', 'patientIdentity');
    });
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

  it('is acknowledged by the payer (277CA A1/A2) with its claim number', () => {
    given(history.submitted()).when(acknowledgeClaim()).then([claimAcknowledged()]);
  });

  it('becomes ACCEPTED and keeps the payer claim number', () => {
    expect(stateOf([...history.accepted()])).toMatchObject({
      status: 'ACCEPTED',
      payerClaimNumber: 'PCN-55001',
    });
  });

  it('refuses an acknowledgement with a rejection category', () => {
    given(history.submitted())
      .when(acknowledgeClaim({ statusCode: 'A3' }))
      .thenThrows('VALIDATION_FAILED', 'statusCode');
  });

  it('refuses a payer claim number that is not an id', () => {
    given(history.submitted())
      .when(acknowledgeClaim({ payerClaimNumber: 'PCN 1' }))
      .thenThrows('VALIDATION_FAILED', 'payerClaimNumber');
  });

  it('is rejected at the front end (277CA A3, A6-A8) with a reason', () => {
    given(history.submitted()).when(rejectClaim()).then([claimRejected()]);
  });

  it('refuses a rejection with an acknowledgement category', () => {
    given(history.submitted())
      .when(rejectClaim({ statusCode: 'A1' }))
      .thenThrows('VALIDATION_FAILED', 'statusCode');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['longer than 500 characters', 'x'.repeat(501)],
  ])('refuses a rejection reason that is %s', (_label, reason) => {
    given(history.submitted()).when(rejectClaim({ reason })).thenThrows('VALIDATION_FAILED', 'reason');
  });

  it('is pended with the information requested and its due date', () => {
    given(history.submitted()).when(pendClaim()).then([claimPended()]);
  });

  it('refuses an information due date before the pend', () => {
    given(history.submitted())
      .when(pendClaim({ infoDueDate: '2026-03-19' }))
      .thenThrows('VALIDATION_FAILED', 'infoDueDate');
  });

  it('refuses a pend with a status category that does not hold a claim', () => {
    given(history.submitted())
      .when(pendClaim({ statusCode: 'F2' }))
      .thenThrows('VALIDATION_FAILED', 'statusCode');
  });

  it('refuses an impossible information due date', () => {
    given(history.submitted())
      .when(pendClaim({ infoDueDate: '2026-04-31' }))
      .thenThrows('VALIDATION_FAILED', 'infoDueDate');
  });

  it('refuses a command dated before the claim was submitted', () => {
    given(history.submitted())
      .when(acknowledgeClaim({ occurredAt: '2026-03-09T10:00:00.000Z' }))
      .thenThrows('VALIDATION_FAILED', 'occurredAt');
  });

  it('refuses a command whose business time is not an instant', () => {
    given(history.submitted())
      .when(acknowledgeClaim({ occurredAt: 'yesterday' }))
      .thenThrows('VALIDATION_FAILED', 'occurredAt');
  });
});

describe('rejected', () => {
  it('is resubmitted as an original claim (frequency 1)', () => {
    given(history.rejected()).when(resubmitClaim()).then([claimResubmitted()]);
  });

  it('becomes SUBMITTED again, counting the submission', () => {
    expect(stateOf([...history.rejected(), claimResubmitted()])).toMatchObject({
      status: 'SUBMITTED',
      submissionCount: 2,
    });
  });

  it('refuses a replacement (frequency 7): the payer never filed it', () => {
    given(history.rejected())
      .when(resubmitClaim({ frequencyCode: '7' }))
      .thenThrows('VALIDATION_FAILED', 'frequencyCode');
  });

  it('refuses a resubmission after the timely-filing deadline, which kept running', () => {
    given(history.rejected())
      .when(resubmitClaim({ occurredAt: '2027-03-03T10:00:00.000Z' }))
      .thenThrows('DEADLINE_PASSED');
  });

  it('takes corrected lines: the total and service dates follow them', () => {
    const lines = [{ ...line, chargeCents: 70_000, serviceDate: '2026-03-03' }];
    given(history.rejected())
      .when(resubmitClaim({ lines }))
      .then([
        claimResubmitted({
          lines: [{ lineNumber: 1, ...lines[0]! }],
          totalChargeCents: 70_000,
          serviceDateFrom: '2026-03-03',
          serviceDateTo: '2026-03-03',
        }),
      ]);
  });

  it('moves the charge and timely-filing deadline with corrected lines', () => {
    const lines = [{ lineNumber: 1, ...line, chargeCents: 70_000, serviceDate: '2026-03-03' }];
    const state = stateOf([
      ...history.rejected(),
      claimResubmitted({
        lines,
        totalChargeCents: 70_000,
        serviceDateFrom: '2026-03-03',
        serviceDateTo: '2026-03-03',
      }),
    ]);
    expect(state).toMatchObject({
      lines,
      money: { chargeCents: 70_000 },
      deadlines: { timelyFiling: '2027-03-03' },
    });
  });

  it('refuses corrected lines that are invalid, naming the line', () => {
    given(history.rejected())
      .when(resubmitClaim({ lines: [{ ...line, chargeCents: -1 }] }))
      .thenThrows('VALIDATION_FAILED', 'lines[0].chargeCents');
  });

  it('refuses corrected diagnoses that lines still point past', () => {
    given(history.rejected())
      .when(resubmitClaim({ diagnoses: ['E11.9'] }))
      .thenThrows('VALIDATION_FAILED', 'diagnoses');
  });

  it('keeps the timely-filing deadline from the service date', () => {
    expect(stateOf(history.rejected())).toMatchObject({
      status: 'REJECTED',
      deadlines: { timelyFiling: '2027-03-02' },
    });
  });
});

describe('accepted', () => {
  it('is pended by the payer', () => {
    given(history.accepted()).when(pendClaim()).then([claimPended()]);
  });
});

describe('pended', () => {
  it('keeps the information due date as a deadline', () => {
    expect(stateOf(history.pended())).toMatchObject({
      status: 'PENDED',
      pend: { statusCode: 'R4', infoDueDate: '2026-04-19' },
      deadlines: { timelyFiling: '2027-03-02', infoDue: '2026-04-19' },
    });
  });

  it('returns to ACCEPTED when the information is sent', () => {
    given(history.pended()).when(submitAdditionalInfo()).then([additionalInfoSubmitted()]);
    const state = claimOf([...history.pended(), additionalInfoSubmitted()]);
    expect(state.status).toBe('ACCEPTED');
    expect(state.deadlines).toEqual({ timelyFiling: '2027-03-02' });
  });

  it('refuses additional information without a description', () => {
    given(history.pended())
      .when(submitAdditionalInfo({ description: '' }))
      .thenThrows('VALIDATION_FAILED', 'description');
  });

  it('takes the information on the day it is due or later (the payer decides what late means)', () => {
    given(history.pended())
      .when(submitAdditionalInfo({ occurredAt: '2026-05-01T10:00:00.000Z' }))
      .then([additionalInfoSubmitted({ submittedAt: '2026-05-01T10:00:00.000Z' })]);
  });
});
