// The money real remittances bring: later and duplicate remittances, credits, takebacks at any point, coordination of
// benefits, partial write-offs and statement cycles. Each scenario checks every balance to the cent.
import {
  appealClaim,
  billPatient,
  claimOf,
  decideAppeal,
  given,
  history,
  play,
  recordPartialPayment,
  recordPatientPayment,
  recordPayment,
  referToCollections,
  resolveCredit,
  reversePayment,
  submitClaim,
  acknowledgeClaim,
  writeOffBalance,
} from '../testing/index.js';
import type { ClaimEvent } from './claim.events.js';
import {
  creditBalance,
  insuranceBalance,
  patientBalance,
  primaryBalance,
  secondaryBalance,
  type Money,
} from './claim.money.js';
import type { AdjustmentInput } from './payment/payment.commands.js';

const adj = (
  groupCode: AdjustmentInput['groupCode'],
  carc: string,
  amountCents: number,
): AdjustmentInput => ({
  groupCode,
  carc,
  rarcs: [],
  amountCents,
});
const at = (day: string) => `2026-${day}T10:00:00.000Z`;

function balances(events: ClaimEvent[]) {
  const claim = claimOf(events);
  const m: Money = claim.money;
  return {
    status: claim.status,
    primary: primaryBalance(m),
    secondary: secondaryBalance(m),
    insurance: insuranceBalance(m),
    patient: patientBalance(m),
    credit: {
      primary: creditBalance(m, 'PRIMARY'),
      secondary: creditBalance(m, 'SECONDARY'),
      patient: creditBalance(m, 'PATIENT'),
    },
  };
}
const noCredit = { primary: 0, secondary: 0, patient: 0 };

describe('a later remittance on a partially paid claim', () => {
  it('pays the denied line when it arrives late, billing what is still at the payer', () => {
    const { events } = play(history.accepted(), [
      recordPartialPayment(),
      recordPayment({
        paymentId: 'PAY-2',
        paidCents: 16_000,
        adjustments: [adj('CO', '45', 4_000)],
        occurredAt: at('06-10'),
        paidDate: '2026-06-09',
      }),
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'ClaimPaid',
      data: { billedCents: 20_000, outcome: 'PAID', firstAdjudication: false },
    });
    expect(balances(events)).toEqual({
      status: 'PAID',
      primary: 0,
      secondary: 0,
      insurance: 0,
      patient: 10_000,
      credit: noCredit,
    });
  });

  /** Underpaid (paid 500.00 of an allowed 700.00, CO-45 400.00), appealed, overturned: the balance shows zero. */
  const overturnedUnderpayment = () =>
    play(history.accepted(), [
      recordPayment({
        paidCents: 50_000,
        allowedCents: 70_000,
        adjustments: [adj('CO', '45', 40_000), adj('PR', '2', 10_000)],
      }),
      appealClaim({ level: 1, occurredAt: at('06-01') }),
      decideAppeal({ outcome: 'OVERTURNED', occurredAt: at('06-20') }),
    ]).events;

  it('records the extra payment of an overturned underpayment appeal on a balance of zero, with the CAS reversal', () => {
    const { events } = play(overturnedUnderpayment(), [
      recordPayment({
        paymentId: 'PAY-2',
        paidCents: 10_000,
        adjustments: [adj('CO', '45', -10_000)],
        paidDate: '2026-06-25',
        occurredAt: at('06-26'),
      }),
    ]);
    const claim = claimOf(events);
    expect(claim.money).toMatchObject({ paidCents: 60_000, contractualCents: 30_000 });
    expect(balances(events)).toMatchObject({
      status: 'PAID',
      insurance: 0,
      patient: 10_000,
      credit: noCredit,
    });
  });

  it('takes the extra payment of an overturned underpayment appeal without a CAS: it reverses that much contractual', () => {
    const appealed = overturnedUnderpayment();
    const extra = recordPayment({
      paymentId: 'PAY-2',
      paidCents: 10_000,
      adjustments: [],
      paidDate: '2026-06-25',
      occurredAt: at('06-26'),
    });
    const { events } = play(appealed, [extra]);
    expect(events.at(-1)).toMatchObject({
      data: { contractualCents: -10_000, appealRecoveredCents: 10_000 },
    });
    expect(claimOf(events).money).toMatchObject({ paidCents: 60_000, contractualCents: 30_000 });
    expect(balances(events)).toMatchObject({
      status: 'PAID',
      insurance: 0,
      patient: 10_000,
      credit: noCredit,
    });
    // Never more than the contractual adjustment there is to take back.
    given(appealed)
      .when({ ...extra, paidCents: 40_001 })
      .thenThrows('REMITTANCE_UNBALANCED');
  });

  it('still refuses a later remittance that does not balance against the amount it bills', () => {
    given(history.partiallyPaid())
      .when(recordPayment({ paymentId: 'PAY-2', billedCents: 20_000, paidCents: 10_000, adjustments: [] }))
      .thenThrows('REMITTANCE_UNBALANCED', 'adjustments');
  });

  it('takes a later remittance without a billed amount as billing what it settles', () => {
    const { events } = play(history.partiallyPaid(), [
      recordPayment({ paymentId: 'PAY-2', paidCents: 10_000, adjustments: [], occurredAt: at('06-10') }),
    ]);
    expect(events.at(-1)).toMatchObject({ data: { billedCents: 10_000 } });
    expect(balances(events)).toMatchObject({ status: 'PARTIALLY_PAID', insurance: 10_000 });
  });
});

describe('service lines as the remittance adjudicated them (SVC)', () => {
  it('keeps each line billed and paid on the payment', () => {
    const lines = [
      { lineNumber: 1, billedCents: 60_000, paidCents: 36_000 },
      { lineNumber: 2, billedCents: 40_000, paidCents: 24_000 },
    ];
    const { events } = play(history.accepted(), [recordPayment({ lines })]);
    expect(claimOf(events).payments[0]!.lines).toEqual(lines);
  });

  it.each([
    [
      'a line the claim does not have',
      [{ lineNumber: 3, billedCents: 1, paidCents: 1 }],
      'lines[0].lineNumber',
    ],
    [
      'the same line twice',
      [
        { lineNumber: 1, billedCents: 1, paidCents: 1 },
        { lineNumber: 1, billedCents: 1, paidCents: 1 },
      ],
      'lines[1].lineNumber',
    ],
    ['more paid than the payment', [{ lineNumber: 1, billedCents: 60_000, paidCents: 60_001 }], 'lines'],
    ['a negative paid amount', [{ lineNumber: 1, billedCents: 1, paidCents: -1 }], 'lines[0].paidCents'],
  ])('refuses %s', (_label, lines, field) => {
    given(history.accepted()).when(recordPayment({ lines })).thenThrows('VALIDATION_FAILED', field);
  });
});

describe('overpayments make credit balances, resolved by refund or offset', () => {
  const duplicate = () =>
    play(history.paid(), [
      recordPayment({ paymentId: 'PAY-2', billedCents: 100_000, occurredAt: at('06-02') }),
    ]).events;

  it('a first remittance paying more than owed, with nothing adjusted, records the excess as a credit', () => {
    const { events } = play(history.accepted(), [recordPayment({ paidCents: 120_000, adjustments: [] })]);
    expect(events.at(-1)).toMatchObject({
      data: { billedCents: 100_000, overpaidCents: 20_000, outcome: 'PAID' },
    });
    expect(balances(events)).toMatchObject({
      insurance: -20_000,
      credit: { primary: 20_000, secondary: 0, patient: 0 },
    });
    given(history.accepted())
      .when(recordPayment({ paidCents: 120_000, adjustments: [adj('CO', '45', 1)] }))
      .thenThrows('REMITTANCE_UNBALANCED');
  });

  it('a duplicate sent again as it came (no billed amount) is credited the same way', () => {
    const { events } = play(history.paid(), [recordPayment({ paymentId: 'PAY-2', occurredAt: at('06-02') })]);
    expect(balances(events).credit).toEqual({ primary: 60_000, secondary: 0, patient: 0 });
  });

  it('a duplicate remittance credits the payment, not its adjustments a second time', () => {
    const events = duplicate();
    expect(events.at(-1)).toMatchObject({
      data: { contractualCents: 0, patientResponsibilityCents: 0, outcome: 'PAID' },
    });
    expect(balances(events)).toEqual({
      status: 'PAID',
      primary: -60_000,
      secondary: 0,
      insurance: -60_000,
      patient: 15_000,
      credit: { primary: 60_000, secondary: 0, patient: 0 },
    });
  });

  it('a refund to the payer clears the credit and restores the payer balance to zero', () => {
    const { events } = play(duplicate(), [
      resolveCredit({ amountCents: 60_000, reference: 'CHK-7781', occurredAt: at('06-05') }),
    ]);
    expect(balances(events)).toMatchObject({ insurance: 0, patient: 15_000, credit: noCredit });
    expect(claimOf(events).refunds).toEqual([
      {
        refundId: 'RF-1',
        side: 'PRIMARY',
        method: 'REFUND',
        amountCents: 60_000,
        reference: 'CHK-7781',
        resolvedOn: '2026-06-05',
      },
    ]);
  });

  it('an offset resolves part of it; what is left stays a credit', () => {
    const { events } = play(duplicate(), [
      resolveCredit({ method: 'OFFSET', amountCents: 25_000, occurredAt: at('06-05') }),
    ]);
    expect(balances(events).credit).toEqual({ primary: 35_000, secondary: 0, patient: 0 });
  });

  it.each([
    ['more than the credit', { amountCents: 60_001 }, 'VALIDATION_FAILED', 'amountCents'],
    ['a side with no credit', { side: 'PATIENT' as const }, 'INVALID_TRANSITION', undefined],
    ['an unknown method', { method: 'CASH' as never }, 'VALIDATION_FAILED', 'method'],
    ['an unknown side', { side: 'PAYER' as never }, 'VALIDATION_FAILED', 'side'],
  ])('refuses a refund of %s', (_label, overrides, code, field) => {
    given(duplicate())
      .when(resolveCredit({ ...overrides, occurredAt: at('06-05') }))
      .thenThrows(code as 'VALIDATION_FAILED', field);
  });

  it('a patient who pays more than owed has a credit; refunding it closes the claim', () => {
    const paid = play(history.patientBilled(), [recordPatientPayment({ amountCents: 20_000 })]).events;
    expect(balances(paid)).toMatchObject({ status: 'PATIENT_BILLED', patient: -5_000 });
    expect(balances(paid).credit).toEqual({ primary: 0, secondary: 0, patient: 5_000 });
    const { events } = play(paid, [
      resolveCredit({ side: 'PATIENT', amountCents: 5_000, occurredAt: at('06-21') }),
    ]);
    expect(balances(events)).toMatchObject({ status: 'CLOSED', insurance: 0, patient: 0, credit: noCredit });
  });

  it('refuses to offset a patient credit: only a payer offsets', () => {
    const paid = play(history.patientBilled(), [recordPatientPayment({ amountCents: 20_000 })]).events;
    given(paid)
      .when(resolveCredit({ side: 'PATIENT', method: 'OFFSET', amountCents: 5_000, occurredAt: at('06-21') }))
      .thenThrows('VALIDATION_FAILED', 'method');
  });
});

describe('takebacks at any point restore every balance exactly', () => {
  it('after the patient was billed and paid: the payer owes again, the patient has a credit', () => {
    const closed = history.closed();
    const { events } = play(closed, [reversePayment({ occurredAt: at('07-01') })]);
    const before = claimOf(history.accepted()).money;
    expect(claimOf(events).money).toEqual({ ...before, patientPaidCents: 15_000 });
    expect(balances(events)).toEqual({
      status: 'ACCEPTED',
      primary: 100_000,
      secondary: 0,
      insurance: 100_000,
      patient: -15_000,
      credit: { primary: 0, secondary: 0, patient: 15_000 },
    });
  });

  it('while the patient is billed: billing goes on, with the balances as if the payment never came', () => {
    const { events } = play(history.patientBilled(), [reversePayment({ occurredAt: at('06-10') })]);
    expect(balances(events)).toMatchObject({ status: 'PATIENT_BILLED', insurance: 100_000, patient: 0 });
  });

  it('then a corrected remittance posts as the first again', () => {
    const { events } = play(history.paid(), [
      reversePayment({ occurredAt: at('06-10') }),
      recordPayment({
        paymentId: 'PAY-2',
        paidCents: 70_000,
        adjustments: [adj('CO', '45', 20_000), adj('PR', '2', 10_000)],
        paidDate: '2026-06-10',
        occurredAt: at('06-10'),
      }),
    ]);
    expect(claimOf(events).money).toMatchObject({
      paidCents: 70_000,
      contractualCents: 20_000,
      patientResponsibilityCents: 10_000,
    });
    expect(balances(events)).toMatchObject({ status: 'PAID', insurance: 0, patient: 10_000 });
  });

  it('of a claim that was written off, reopening it with the written-off amount kept', () => {
    const writtenOff = play(history.partiallyPaid(), [
      writeOffBalance({ reason: 'ADMINISTRATIVE', occurredAt: at('06-10') }),
    ]).events;
    expect(balances(writtenOff)).toMatchObject({ status: 'WRITTEN_OFF', insurance: 0, patient: 0 });
    const { events } = play(writtenOff, [reversePayment({ occurredAt: at('06-20') })]);
    expect(balances(events)).toMatchObject({ status: 'ACCEPTED', insurance: 80_000, patient: -10_000 });
  });

  it('refuses a takeback on a claim without any payment', () => {
    given(history.writtenOff()).when(reversePayment()).thenThrows('INVALID_TRANSITION');
  });
});

describe('coordination of benefits: the primary crosses the patient share over to the secondary', () => {
  const crossedOver = () => play(history.accepted(), [recordPayment({ crossoverPayerId: 'SECPAY' })]).events;

  it('moves the primary PR amounts to the secondary payer, not the patient', () => {
    const events = crossedOver();
    expect(events.at(-1)).toMatchObject({
      data: { secondaryPayerId: 'SECPAY', crossedOverCents: 15_000, patientResponsibilityCents: 0 },
    });
    expect(claimOf(events).secondaryPayerId).toBe('SECPAY');
    expect(balances(events)).toEqual({
      status: 'PAID',
      primary: 0,
      secondary: 15_000,
      insurance: 15_000,
      patient: 0,
      credit: noCredit,
    });
  });

  it("the secondary's remittance pays, ignores the prior payer's CARC 23, and leaves the rest to the patient", () => {
    const { events } = play(crossedOver(), [
      recordPayment({
        paymentId: 'SEC-1',
        payer: 'SECONDARY',
        billedCents: 100_000,
        paidCents: 12_000,
        adjustments: [adj('OA', '23', 85_000), adj('PR', '1', 3_000)],
        occurredAt: at('06-15'),
        paidDate: '2026-06-14',
      }),
      billPatient({ amountCents: 3_000, occurredAt: at('06-16'), dueDate: '2026-07-16' }),
    ]);
    expect(balances(events)).toEqual({
      status: 'PATIENT_BILLED',
      primary: 0,
      secondary: 0,
      insurance: 0,
      patient: 3_000,
      credit: noCredit,
    });
  });

  it('is named at submission too, and a secondary remittance needs one', () => {
    const named = play(
      [],
      [submitClaim({ secondaryPayerId: 'SECPAY' }), acknowledgeClaim(), recordPayment()],
    );
    expect(balances(named.events)).toMatchObject({ secondary: 15_000, patient: 0 });
    given(history.paid())
      .when(recordPayment({ paymentId: 'SEC-1', payer: 'SECONDARY', billedCents: 15_000 }))
      .thenThrows('INVALID_TRANSITION');
  });

  it('refuses to take back the primary while the secondary payment on its crossover stands', () => {
    const secondaryPaid = play(crossedOver(), [
      recordPayment({
        paymentId: 'SEC-1',
        payer: 'SECONDARY',
        paidCents: 15_000,
        adjustments: [],
        occurredAt: at('06-15'),
        paidDate: '2026-06-14',
      }),
    ]).events;
    given(secondaryPaid)
      .when(reversePayment({ occurredAt: at('06-20') }))
      .thenThrows('INVALID_TRANSITION');
    const { events } = play(secondaryPaid, [
      reversePayment({ paymentId: 'SEC-1', occurredAt: at('06-20') }),
      reversePayment({ occurredAt: at('06-20') }),
    ]);
    expect(claimOf(events).money).toEqual(claimOf(history.accepted()).money);
  });

  it.each([
    ['the primary payer', 'MCRTX'],
    ['a malformed id', 'sec pay'],
  ])('refuses a crossover to %s', (_label, crossoverPayerId) => {
    given(history.accepted())
      .when(recordPayment({ crossoverPayerId }))
      .thenThrows('VALIDATION_FAILED', 'crossoverPayerId');
  });
});

describe('write-offs of an amount and a side, with a reason category', () => {
  it('writes off part of one side and leaves the claim open until nothing is left', () => {
    const { events } = play(history.partiallyPaid(), [
      writeOffBalance({
        side: 'INSURANCE',
        amountCents: 5_000,
        reason: 'ADMINISTRATIVE',
        occurredAt: at('06-10'),
      }),
      writeOffBalance({ side: 'PATIENT', amountCents: 10_000, reason: 'CHARITY', occurredAt: at('06-11') }),
    ]);
    expect(balances(events)).toMatchObject({ status: 'PARTIALLY_PAID', insurance: 15_000, patient: 0 });
    const rest = play(events, [
      writeOffBalance({
        side: 'INSURANCE',
        amountCents: 15_000,
        reason: 'BAD_DEBT',
        occurredAt: at('06-12'),
      }),
    ]).events;
    expect(balances(rest)).toMatchObject({ status: 'WRITTEN_OFF', insurance: 0, patient: 0 });
    expect(claimOf(rest).writeOffs.map((w) => w.reason)).toEqual(['ADMINISTRATIVE', 'CHARITY', 'BAD_DEBT']);
  });

  it.each([
    ['more than the side owes', { side: 'PATIENT' as const, amountCents: 10_001 }, 'amountCents'],
    ['an amount without a side', { amountCents: 100 }, 'side'],
    ['a side without an amount', { side: 'INSURANCE' as const }, 'amountCents'],
    ['an unknown reason', { reason: 'GOODWILL' as never }, 'reason'],
  ])('refuses a write-off of %s', (_label, overrides, field) => {
    given(history.partiallyPaid())
      .when(writeOffBalance({ ...overrides, occurredAt: at('06-10') }))
      .thenThrows('VALIDATION_FAILED', field);
  });

  it('writes off a small patient balance of a paid claim', () => {
    const { events } = play(history.paid(), [
      writeOffBalance({
        side: 'PATIENT',
        amountCents: 15_000,
        reason: 'SMALL_BALANCE',
        occurredAt: at('06-10'),
      }),
    ]);
    expect(balances(events)).toMatchObject({ status: 'WRITTEN_OFF', insurance: 0, patient: 0 });
  });
});

describe('patient statements in cycles, then collections', () => {
  const statement = (n: number, day: string, dueDate: string) =>
    billPatient({ statementId: `STM-${n}`, amountCents: 15_000, dueDate, occurredAt: at(day) });

  it('sends first, second and final notices, then refers the balance to collections past the final due date', () => {
    const { events } = play(history.paid(), [
      statement(1, '06-01', '2026-07-01'),
      statement(2, '07-02', '2026-08-01'),
      statement(3, '08-02', '2026-09-01'),
    ]);
    expect(claimOf(events).statements.map((s) => s.cycle)).toEqual(['FIRST', 'SECOND', 'FINAL']);
    given(events)
      .when(statement(4, '09-05', '2026-10-01'))
      .thenThrows('INVALID_TRANSITION');
    given(events)
      .when(referToCollections({ occurredAt: at('08-20') }))
      .thenThrows('INVALID_TRANSITION');
    const referred = play(events, [referToCollections({ occurredAt: at('09-05') })]).events;
    expect(referred.at(-1)).toEqual({
      type: 'PatientReferredToCollections',
      data: { referredOn: '2026-09-05', amountCents: 15_000, agency: 'Acme Recovery' },
    });
    expect(claimOf(referred)).toMatchObject({
      status: 'PATIENT_BILLED',
      collectionsReferredOn: '2026-09-05',
    });
    given(referred)
      .when(referToCollections({ occurredAt: at('09-06') }))
      .thenThrows('INVALID_TRANSITION');
  });

  it('refuses collections before a final notice', () => {
    given(history.patientBilled())
      .when(referToCollections({ occurredAt: at('09-05') }))
      .thenThrows('INVALID_TRANSITION');
  });
});

describe('a denial does not reduce the balance, whatever came before', () => {
  it('keeps the insurance balance after a later remittance denies a line', () => {
    const { events } = play(history.partiallyPaid(), [
      recordPayment({
        paymentId: 'PAY-2',
        paidCents: 0,
        adjustments: [adj('CO', '50', 20_000)],
        occurredAt: at('06-10'),
        paidDate: '2026-06-09',
      }),
    ]);
    expect(balances(events)).toMatchObject({ status: 'PARTIALLY_PAID', insurance: 20_000 });
  });
});
