import {
  appealDecided,
  balanceWrittenOff,
  billPatient,
  claimAppealed,
  claimDenied,
  claimOf,
  claimPaid,
  given,
  history,
  patientBilled,
  patientPaymentReceived,
  recordPatientPayment,
  writeOffBalance,
} from '../../testing/index.js';
import { insuranceBalance, patientBalance } from '../claim.money.js';

describe('paid', () => {
  it('bills the patient their share', () => {
    given(history.paid()).when(billPatient()).then([patientBilled()]);
    expect(claimOf(history.patientBilled())).toMatchObject({
      status: 'PATIENT_BILLED',
      statement: { statementId: 'STM-1', amountCents: 15_000, dueDate: '2026-07-01' },
    });
  });

  it.each([
    ['more than the patient owes', { amountCents: 15_001 }, 'amountCents'],
    ['nothing', { amountCents: 0 }, 'amountCents'],
    ['a due date before the billing date', { dueDate: '2026-05-31' }, 'dueDate'],
    ['an impossible due date', { dueDate: '2026-06-31' }, 'dueDate'],
    ['a statement id with spaces', { statementId: 'STM 1' }, 'statementId'],
  ])('refuses a statement for %s', (_label, overrides, field) => {
    given(history.paid()).when(billPatient(overrides)).thenThrows('VALIDATION_FAILED', field);
  });

  it('refuses to bill a patient who owes nothing', () => {
    const noShare = [
      ...history.accepted(),
      claimPaid({
        adjustments: [],
        paidCents: 75_000,
        contractualCents: 25_000,
        patientResponsibilityCents: 0,
      }),
    ];
    given(noShare)
      .when(billPatient({ amountCents: 1 }))
      .thenThrows('VALIDATION_FAILED', 'amountCents');
  });
});

describe('partially paid', () => {
  it('bills the patient their share of what was paid', () => {
    given(history.partiallyPaid())
      .when(billPatient({ amountCents: 10_000 }))
      .then([patientBilled({ amountCents: 10_000 })]);
  });

  it('writes off both balances', () => {
    given(history.partiallyPaid())
      .when(writeOffBalance())
      .then([balanceWrittenOff({ insuranceAmountCents: 20_000, patientAmountCents: 10_000 })]);
  });
});

describe('denied', () => {
  it('bills the patient for a PR denial, moving the amount from insurance', () => {
    given(history.deniedToPatient())
      .when(billPatient({ amountCents: 100_000 }))
      .then([patientBilled({ amountCents: 100_000, transferredFromInsuranceCents: 100_000 })]);
    const claim = claimOf([
      ...history.deniedToPatient(),
      patientBilled({ amountCents: 100_000, transferredFromInsuranceCents: 100_000 }),
    ]);
    expect(insuranceBalance(claim.money)).toBe(0);
    expect(patientBalance(claim.money)).toBe(100_000);
  });

  it('refuses to move more than the insurance balance to the patient', () => {
    given(history.deniedToPatient())
      .when(billPatient({ amountCents: 100_001 }))
      .thenThrows('VALIDATION_FAILED', 'amountCents');
  });

  it('refuses to bill the patient for a denial the provider must absorb (CO)', () => {
    given(history.denied()).when(billPatient()).thenThrows('INVALID_TRANSITION');
  });

  // Issue 12: paid 50,000 with PR-2 10,000 and CO-50 20,000 denied; the CO part appealed and upheld.
  const upheldAfterPartialPayment = () => [
    ...history.partiallyPaid(),
    claimAppealed(),
    appealDecided({ outcome: 'UPHELD' }),
  ];

  it("bills the patient's share of the earlier payment after an appeal of the rest is upheld", () => {
    expect(claimOf(upheldAfterPartialPayment()).status).toBe('DENIED');
    given(upheldAfterPartialPayment())
      .when(billPatient({ amountCents: 10_000 }))
      .then([patientBilled({ amountCents: 10_000, transferredFromInsuranceCents: 0 })]);
  });

  it('moves none of the upheld (CO) denial to the patient', () => {
    given(upheldAfterPartialPayment())
      .when(billPatient({ amountCents: 10_001 }))
      .thenThrows('VALIDATION_FAILED', 'amountCents');
  });

  it('writes off the insurance balance', () => {
    given(history.denied()).when(writeOffBalance()).then([balanceWrittenOff()]);
    const claim = claimOf(history.writtenOff());
    expect(claim.status).toBe('WRITTEN_OFF');
    expect(insuranceBalance(claim.money)).toBe(0);
    expect(claim.writeOffs).toEqual([
      {
        reason: 'BAD_DEBT',
        insuranceAmountCents: 100_000,
        patientAmountCents: 0,
        writtenOffOn: '2026-07-15',
      },
    ]);
  });

  it('refuses an unknown write-off reason', () => {
    given(history.denied())
      .when(writeOffBalance({ reason: 'BORED' as never }))
      .thenThrows('VALIDATION_FAILED', 'reason');
  });

  it('refuses a write-off note longer than 500 characters', () => {
    given(history.denied())
      .when(writeOffBalance({ note: 'n'.repeat(501) }))
      .thenThrows('VALIDATION_FAILED', 'note');
  });
});

describe('patient billed', () => {
  it('closes when the patient pays the balance and insurance owes nothing', () => {
    given(history.patientBilled()).when(recordPatientPayment()).then([patientPaymentReceived()]);
    expect(claimOf(history.closed()).status).toBe('CLOSED');
  });

  it('stays billed after a part payment', () => {
    given(history.patientBilled())
      .when(recordPatientPayment({ amountCents: 5_000, method: 'card' }))
      .then([patientPaymentReceived({ amountCents: 5_000, method: 'card', closesClaim: false })]);
    const claim = claimOf([
      ...history.patientBilled(),
      patientPaymentReceived({ amountCents: 5_000, closesClaim: false }),
    ]);
    expect(claim).toMatchObject({ status: 'PATIENT_BILLED', statement: { statementId: 'STM-1' } });
    expect(patientBalance(claim.money)).toBe(10_000);
  });

  it('stays billed when the patient is paid up but insurance still owes', () => {
    const partTransfer = [
      ...history.accepted(),
      claimDenied({ groupCode: 'PR', carc: '96' }),
      patientBilled({ amountCents: 40_000, transferredFromInsuranceCents: 40_000 }),
    ];
    given(partTransfer)
      .when(recordPatientPayment({ amountCents: 40_000 }))
      .then([patientPaymentReceived({ amountCents: 40_000, closesClaim: false })]);
  });

  it.each([
    ['nothing', { amountCents: 0 }, 'amountCents'],
    ['a payment id with spaces', { paymentId: 'PP 1' }, 'paymentId'],
  ])('refuses a patient payment of %s', (_label, overrides, field) => {
    given(history.patientBilled())
      .when(recordPatientPayment(overrides))
      .thenThrows('VALIDATION_FAILED', field);
  });

  it('refuses a patient payment id already recorded', () => {
    const paidPart = [
      ...history.patientBilled(),
      patientPaymentReceived({ amountCents: 5_000, closesClaim: false }),
    ];
    given(paidPart)
      .when(recordPatientPayment({ amountCents: 1_000 }))
      .thenThrows('VALIDATION_FAILED', 'paymentId');
  });

  it('writes off what is left and closes', () => {
    const paidPart = [
      ...history.patientBilled(),
      patientPaymentReceived({ amountCents: 5_000, closesClaim: false }),
    ];
    given(paidPart)
      .when(writeOffBalance({ reason: 'SMALL_BALANCE' }))
      .then([
        balanceWrittenOff({
          reason: 'SMALL_BALANCE',
          insuranceAmountCents: 0,
          patientAmountCents: 10_000,
          statusAfter: 'CLOSED',
        }),
      ]);
    const claim = claimOf([
      ...paidPart,
      balanceWrittenOff({
        reason: 'SMALL_BALANCE',
        insuranceAmountCents: 0,
        patientAmountCents: 10_000,
        statusAfter: 'CLOSED',
      }),
    ]);
    expect(claim.status).toBe('CLOSED');
    expect(patientBalance(claim.money)).toBe(0);
  });

  it('refuses a write-off when nothing is owed', () => {
    const paidUp = [...history.patientBilled(), patientPaymentReceived({ closesClaim: false })];
    given(paidUp).when(writeOffBalance()).thenThrows('INVALID_TRANSITION');
  });
});
