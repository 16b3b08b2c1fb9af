import {
  acknowledgeClaim,
  appealClaim,
  billPatient,
  claimOf,
  decideAppeal,
  denyClaim,
  pendClaim,
  play,
  recordPartialPayment,
  recordPatientPayment,
  recordPayment,
  reversePayment,
  submitAdditionalInfo,
  submitClaim,
} from '../testing/index.js';
import type { ClaimCommand } from './claim.commands.js';
import type { ClaimEvent } from './claim.events.js';
import { insuranceBalance, patientBalance } from './claim.money.js';

describe('the worked scenario: denied, appealed, paid on appeal, patient share collected', () => {
  const steps: [
    ClaimCommand,
    string,
    { insurance: number; patient: number; patientResponsibility: number },
  ][] = [
    [submitClaim(), 'SUBMITTED', { insurance: 100_000, patient: 0, patientResponsibility: 0 }],
    [acknowledgeClaim(), 'ACCEPTED', { insurance: 100_000, patient: 0, patientResponsibility: 0 }],
    [pendClaim(), 'PENDED', { insurance: 100_000, patient: 0, patientResponsibility: 0 }],
    [submitAdditionalInfo(), 'ACCEPTED', { insurance: 100_000, patient: 0, patientResponsibility: 0 }],
    [
      denyClaim({ carc: '50', deniedAmountCents: 100_000 }),
      'DENIED',
      { insurance: 100_000, patient: 0, patientResponsibility: 0 },
    ],
    [appealClaim({ level: 1 }), 'APPEALED', { insurance: 100_000, patient: 0, patientResponsibility: 0 }],
    [
      decideAppeal({ outcome: 'OVERTURNED' }),
      'APPEALED',
      { insurance: 100_000, patient: 0, patientResponsibility: 0 },
    ],
    [recordPayment(), 'PAID', { insurance: 0, patient: 15_000, patientResponsibility: 15_000 }],
    [
      billPatient({ amountCents: 15_000 }),
      'PATIENT_BILLED',
      { insurance: 0, patient: 15_000, patientResponsibility: 15_000 },
    ],
    [
      recordPatientPayment({ amountCents: 15_000 }),
      'CLOSED',
      { insurance: 0, patient: 0, patientResponsibility: 15_000 },
    ],
  ];

  it('has the exact balances at every step', () => {
    let events: ClaimEvent[] = [];
    for (const [command, status, expected] of steps) {
      events = play(events, [command]).events;
      const claim = claimOf(events);
      expect({
        step: command.type,
        status: claim.status,
        insurance: insuranceBalance(claim.money),
        patient: patientBalance(claim.money),
        patientResponsibility: claim.money.patientResponsibilityCents,
      }).toEqual({ step: command.type, status, ...expected });
    }
    expect(claimOf(events).money).toEqual({
      chargeCents: 100_000,
      paidCents: 60_000,
      contractualCents: 25_000,
      otherAdjustmentCents: 0,
      patientResponsibilityCents: 15_000,
      patientPaidCents: 15_000,
      insuranceWrittenOffCents: 0,
      patientWrittenOffCents: 0,
      crossedOverCents: 0,
      secondarySettledCents: 0,
      secondaryWrittenOffCents: 0,
    });
  });

  it('writes the payment on appeal as not the first adjudication, and the denial as the first', () => {
    const { events } = play(
      [],
      steps.map(([command]) => command),
    );
    expect(events.find((e) => e.type === 'ClaimDenied')?.data).toMatchObject({ firstAdjudication: true });
    expect(events.find((e) => e.type === 'ClaimPaid')?.data).toMatchObject({ firstAdjudication: false });
  });
});

describe('a reversal', () => {
  it.each([
    ['a full payment', recordPayment()],
    ['a partial payment', recordPartialPayment()],
  ])('restores every money total exactly after %s', (_label, payment) => {
    const before = play([], [submitClaim(), acknowledgeClaim()]);
    const paid = play(before.events, [payment]);
    const reversed = play(paid.events, [reversePayment()]);
    expect(claimOf(paid.events).money).not.toEqual(claimOf(before.events).money);
    expect(claimOf(reversed.events).money).toEqual(claimOf(before.events).money);
    expect(claimOf(reversed.events).status).toBe('ACCEPTED');
  });

  it('restores the money of the payment on appeal, leaving the earlier partial payment in place', () => {
    const start = play(
      [],
      [
        submitClaim(),
        acknowledgeClaim(),
        recordPartialPayment(),
        appealClaim({ occurredAt: '2026-06-01T10:00:00.000Z' }),
        decideAppeal({ occurredAt: '2026-07-01T10:00:00.000Z' }),
      ],
    );
    const rest = recordPayment({
      paymentId: 'PAY-2',
      paidDate: '2026-07-05',
      paidCents: 20_000,
      adjustments: [],
      occurredAt: '2026-07-05T10:00:00.000Z',
    });
    const paid = play(start.events, [rest]);
    expect(insuranceBalance(claimOf(paid.events).money)).toBe(0);
    const reversed = play(paid.events, [
      reversePayment({ paymentId: 'PAY-2', occurredAt: '2026-07-06T10:00:00.000Z' }),
    ]);
    expect(claimOf(reversed.events).money).toEqual(claimOf(start.events).money);
    expect(claimOf(reversed.events)).toMatchObject({ status: 'APPEALED', appeal: { outcome: 'OVERTURNED' } });
  });
});
