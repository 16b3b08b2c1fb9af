import {
  appealDecided,
  claimAppealed,
  claimOf,
  claimPaid,
  claimPartiallyPaid,
  claimPended,
  claimSubmitted,
  given,
  history,
  paymentReversed,
  recordPartialPayment,
  recordPayment,
  reversePayment,
  sealedIdentity,
} from '../../testing/index.js';
import type { AdjustmentInput } from './payment.commands.js';
import { insuranceBalance, patientBalance } from '../claim.money.js';

const co45 = (amountCents: number): AdjustmentInput => ({
  groupCode: 'CO',
  carc: '45',
  rarcs: [],
  amountCents,
});
const pr = (carc: string, amountCents: number): AdjustmentInput => ({
  groupCode: 'PR',
  carc,
  rarcs: [],
  amountCents,
});

describe.each([
  ['submitted', history.submitted],
  ['accepted', history.accepted],
  ['pended', history.pended],
])('%s', (_status, events) => {
  it('is paid by a balanced remittance: paid plus adjustments equal the billed amount', () => {
    given(events()).when(recordPayment()).then([claimPaid()]);
  });
});

describe('accepted, recording a remittance', () => {
  const accepted = history.accepted;

  it('moves money: payer paid, contractual write-off, patient share', () => {
    const claim = claimOf([...accepted(), claimPaid()]);
    expect(claim).toMatchObject({ status: 'PAID', adjudicated: true });
    expect(claim.money).toEqual({
      chargeCents: 100_000,
      paidCents: 60_000,
      contractualCents: 25_000,
      otherAdjustmentCents: 0,
      patientResponsibilityCents: 15_000,
      patientPaidCents: 0,
      insuranceWrittenOffCents: 0,
      patientWrittenOffCents: 0,
      crossedOverCents: 0,
      secondarySettledCents: 0,
      secondaryWrittenOffCents: 0,
    });
    expect(insuranceBalance(claim.money)).toBe(0);
    expect(patientBalance(claim.money)).toBe(15_000);
  });

  it('refuses an unbalanced remittance', () => {
    given(accepted())
      .when(recordPayment({ adjustments: [co45(25_000), pr('2', 14_999)] }))
      .thenThrows('REMITTANCE_UNBALANCED', 'adjustments');
  });

  it('takes the billed amount when it matches the balance', () => {
    given(accepted())
      .when(recordPayment({ billedCents: 100_000 }))
      .then([claimPaid()]);
  });

  it('refuses a billed amount other than what the claim still has at the payer', () => {
    given(accepted())
      .when(recordPayment({ billedCents: 90_000 }))
      .thenThrows('VALIDATION_FAILED', 'billedCents');
  });

  it('is PARTIALLY_PAID when an adjustment denies: the denied amount stays in AR', () => {
    given(accepted()).when(recordPartialPayment()).then([claimPartiallyPaid()]);
    const claim = claimOf([...accepted(), claimPartiallyPaid()]);
    expect(claim).toMatchObject({
      status: 'PARTIALLY_PAID',
      deadlines: { appeal: { level: 1, deadline: '2026-09-24' } },
    });
    expect(insuranceBalance(claim.money)).toBe(20_000);
    expect(patientBalance(claim.money)).toBe(10_000);
  });

  it('is PARTIALLY_PAID when paid below the allowed amount less the patient share', () => {
    given(accepted())
      .when(
        recordPayment({
          allowedCents: 80_000,
          paidCents: 60_000,
          adjustments: [co45(30_000), pr('2', 10_000)],
        }),
      )
      .then([
        claimPartiallyPaid({
          allowedCents: 80_000,
          paidCents: 60_000,
          adjustments: [co45(30_000), pr('2', 10_000)],
          contractualCents: 30_000,
          patientResponsibilityCents: 10_000,
          deniedCents: 0,
        }),
      ]);
  });

  it('is PAID when paid the allowed amount less the patient share', () => {
    given(accepted())
      .when(recordPayment({ allowedCents: 75_000 }))
      .then([claimPaid({ allowedCents: 75_000 })]);
  });

  it('is PAID with nothing paid when all of it is the deductible', () => {
    given(accepted())
      .when(recordPayment({ paidCents: 0, adjustments: [co45(40_000), pr('1', 60_000)] }))
      .then([
        claimPaid({
          paidCents: 0,
          adjustments: [co45(40_000), pr('1', 60_000)],
          contractualCents: 40_000,
          patientResponsibilityCents: 60_000,
        }),
      ]);
  });

  it('refuses a zero payment that denies: that is a denial', () => {
    given(accepted())
      .when(
        recordPayment({
          paidCents: 0,
          adjustments: [{ groupCode: 'CO', carc: '50', rarcs: [], amountCents: 100_000 }],
        }),
      )
      .thenThrows('VALIDATION_FAILED', 'paidCents');
  });

  it('classifies OA and PI: denial reasons stay in AR, others adjust', () => {
    const adjustments: AdjustmentInput[] = [
      { groupCode: 'OA', carc: '23', rarcs: [], amountCents: 5_000 },
      { groupCode: 'PI', carc: '97', rarcs: ['M15'], amountCents: 10_000, lineNumber: 2 },
      co45(25_000),
    ];
    given(accepted())
      .when(recordPayment({ paidCents: 60_000, adjustments }))
      .then([
        claimPartiallyPaid({
          paidCents: 60_000,
          adjustments,
          contractualCents: 25_000,
          otherAdjustmentCents: 5_000,
          patientResponsibilityCents: 0,
          deniedCents: 10_000,
        }),
      ]);
  });

  it('refuses a payment id already recorded, even one reversed', () => {
    const reversed = [...accepted(), claimPaid(), paymentReversed()];
    given(reversed).when(recordPayment()).thenThrows('VALIDATION_FAILED', 'paymentId');
  });

  it.each([
    ['a payment id with spaces', { paymentId: 'PAY 1' }, 'paymentId'],
    ['an impossible paid date', { paidDate: '2026-02-30' }, 'paidDate'],
    ['a paid date before the claim was submitted', { paidDate: '2026-03-01' }, 'paidDate'],
    ['a paid date after the day it is recorded', { paidDate: '2026-05-29' }, 'paidDate'],
    ['a negative payment', { paidCents: -1 }, 'paidCents'],
    ['an allowed amount above the billed amount', { allowedCents: 100_001 }, 'allowedCents'],
    [
      'a fractional adjustment',
      { adjustments: [co45(24_999.5), pr('2', 15_000.5)] },
      'adjustments[0].amountCents',
    ],
    [
      'an adjustment on a line the claim does not have',
      { adjustments: [{ ...co45(25_000), lineNumber: 3 }, pr('2', 15_000)] },
      'adjustments[0].lineNumber',
    ],
    [
      'a CARC of the wrong format',
      { adjustments: [{ ...co45(25_000), carc: '4500' }, pr('2', 15_000)] },
      'adjustments[0].carc',
    ],
    [
      'a remark code of the wrong format',
      { adjustments: [{ ...co45(25_000), rarcs: ['x'] }, pr('2', 15_000)] },
      'adjustments[0].rarcs[0]',
    ],
    [
      'an unknown group code',
      { adjustments: [{ ...co45(25_000), groupCode: 'ZZ' as never }, pr('2', 15_000)] },
      'adjustments[0].groupCode',
    ],
  ])('refuses %s', (_label, overrides, field) => {
    given(accepted()).when(recordPayment(overrides)).thenThrows('VALIDATION_FAILED', field);
  });
});

describe('accepted, a remittance naming the patient (sealed with their key)', () => {
  const payerView = sealedIdentity({ data: Buffer.alloc(60, 7).toString('base64') });

  it('carries the sealed identity on the payment, untouched', () => {
    given(history.accepted())
      .when(recordPayment({ patientIdentity: payerView }))
      .then([claimPaid({ patientIdentity: payerView })]);
  });

  it("takes it as the claim's identity when the submission gave none", () => {
    expect(claimOf([...history.accepted(), claimPaid({ patientIdentity: payerView })])).toMatchObject({
      patientIdentity: payerView,
    });
  });

  it("keeps the submission's identity: the practice's registration wins over what the payer has on file", () => {
    const registered = sealedIdentity();
    const events = [claimSubmitted({ patientIdentity: registered }), ...history.accepted().slice(1)];
    expect(claimOf([...events, claimPaid({ patientIdentity: payerView })]).patientIdentity).toEqual(
      registered,
    );
  });

  it('keeps the first payer identity when a later remittance names the patient again', () => {
    const later = sealedIdentity({ data: Buffer.alloc(60, 9).toString('base64') });
    const claim = claimOf([
      ...history.accepted(),
      claimPaid({ patientIdentity: payerView }),
      claimPaid({
        paymentId: 'PAY-2',
        paidCents: 0,
        contractualCents: 0,
        patientResponsibilityCents: 0,
        adjustments: [],
        billedCents: 0,
        patientIdentity: later,
        firstAdjudication: false,
      }),
    ]);
    expect(claim.patientIdentity).toEqual(payerView);
  });

  it('keeps the identity when the payment is taken back: it named the patient, whatever became of the money', () => {
    const claim = claimOf([
      ...history.accepted(),
      claimPaid({ patientIdentity: payerView }),
      paymentReversed(),
    ]);
    expect(claim).toMatchObject({ status: 'ACCEPTED', patientIdentity: payerView });
  });

  it.each([
    ['a plaintext identity', { lastName: 'DOE', firstName: 'JANE', memberId: 'M1' }],
    ['a sealed value with plaintext beside it', { ...sealedIdentity(), memberId: 'M1' }],
    ['a short IV', sealedIdentity({ iv: Buffer.alloc(8).toString('base64') })],
    ['oversized data', sealedIdentity({ data: 'A'.repeat(4100) })],
    ['a string', 'DOE^JANE'],
  ])('refuses %s, with no event', (_label, patientIdentity) => {
    given(history.accepted())
      .when(recordPayment({ patientIdentity: patientIdentity as never }))
      .thenThrows('VALIDATION_FAILED', 'patientIdentity');
  });
});

describe('appealed', () => {
  it('is paid once the appeal is overturned', () => {
    given(history.overturned())
      .when(recordPayment())
      .then([claimPaid({ firstAdjudication: false })]);
  });

  it('refuses a payment while the appeal awaits its decision', () => {
    given(history.appealed()).when(recordPayment()).thenThrows('INVALID_TRANSITION');
  });

  it('pays the rest of a partial payment after its appeal, and a further partial payment opens level 2', () => {
    const events = [
      ...history.accepted(),
      claimPartiallyPaid(),
      claimAppealed({ appealedOn: '2026-06-01', appealDeadline: '2026-09-24' }),
      appealDecided({ outcome: 'PARTIALLY_OVERTURNED', decidedOn: '2026-07-01' }),
    ];
    const adjustments: AdjustmentInput[] = [{ groupCode: 'CO', carc: '50', rarcs: [], amountCents: 8_000 }];
    given(events)
      .when(
        recordPayment({
          paymentId: 'PAY-2',
          paidDate: '2026-07-10',
          paidCents: 12_000,
          adjustments,
          occurredAt: '2026-07-10T10:00:00.000Z',
        }),
      )
      .then([
        claimPartiallyPaid({
          paymentId: 'PAY-2',
          paidDate: '2026-07-10',
          billedCents: 20_000,
          paidCents: 12_000,
          adjustments,
          contractualCents: 0,
          patientResponsibilityCents: 0,
          deniedCents: 8_000,
          firstAdjudication: false,
          nextAppealLevel: 2,
          appealDeadline: '2026-12-28',
        }),
      ]);
  });
});

describe('paid', () => {
  it('is reversed by a takeback of its payment', () => {
    given(history.paid()).when(reversePayment()).then([paymentReversed()]);
  });

  it('goes back to the status the payment found, every money total restored', () => {
    const before = claimOf(history.accepted());
    const after = claimOf([...history.paid(), paymentReversed()]);
    expect(after.status).toBe('ACCEPTED');
    expect(after.money).toEqual(before.money);
    expect(after.deadlines).toEqual(before.deadlines);
    expect(after.payments).toEqual([expect.objectContaining({ paymentId: 'PAY-1', reversed: true })]);
  });

  it('goes back to PENDED with the pend and its due date', () => {
    const pended = claimOf(history.pended());
    const after = claimOf([...history.pended(), claimPaid(), paymentReversed({ statusAfter: 'PENDED' })]);
    expect(after).toMatchObject({ status: 'PENDED', pend: claimPended().data, deadlines: pended.deadlines });
    expect(after.money).toEqual(pended.money);
  });

  it('goes back to APPEALED with the overturned appeal', () => {
    given(history.overturned())
      .when(recordPayment())
      .then([claimPaid({ firstAdjudication: false })]);
    const after = claimOf([
      ...history.overturned(),
      claimPaid({ firstAdjudication: false }),
      paymentReversed({ statusAfter: 'APPEALED' }),
    ]);
    expect(after).toMatchObject({ status: 'APPEALED', appeal: { level: 1, outcome: 'OVERTURNED' } });
    expect(after.money).toEqual(claimOf(history.overturned()).money);
  });

  it('refuses to reverse a payment the claim does not have', () => {
    given(history.paid())
      .when(reversePayment({ paymentId: 'PAY-9' }))
      .thenThrows('VALIDATION_FAILED', 'paymentId');
  });

  it('takes back an earlier payment too: the later one stands and the payer owes again', () => {
    const events = [
      ...history.accepted(),
      claimPartiallyPaid(),
      claimAppealed({ appealedOn: '2026-06-01', appealDeadline: '2026-09-24' }),
      appealDecided({ decidedOn: '2026-07-01' }),
      claimPaid({
        paymentId: 'PAY-2',
        billedCents: 20_000,
        paidCents: 20_000,
        adjustments: [],
        contractualCents: 0,
        patientResponsibilityCents: 0,
        firstAdjudication: false,
      }),
    ];
    given(events)
      .when(reversePayment({ paymentId: 'PAY-1' }))
      .then([
        paymentReversed({
          paidCents: 50_000,
          contractualCents: 20_000,
          patientResponsibilityCents: 10_000,
          statusAfter: 'PARTIALLY_PAID',
        }),
      ]);
    given(events)
      .when(reversePayment({ paymentId: 'PAY-2' }))
      .then([
        paymentReversed({
          paymentId: 'PAY-2',
          paidCents: 20_000,
          contractualCents: 0,
          patientResponsibilityCents: 0,
          statusAfter: 'APPEALED',
        }),
      ]);
  });

  it('refuses a reversal without a reason', () => {
    given(history.paid())
      .when(reversePayment({ reason: '' }))
      .thenThrows('VALIDATION_FAILED', 'reason');
  });
});

describe('partially paid', () => {
  it('is reversed, closing the appeal window the payment opened', () => {
    given(history.partiallyPaid())
      .when(reversePayment())
      .then([
        paymentReversed({ paidCents: 50_000, contractualCents: 20_000, patientResponsibilityCents: 10_000 }),
      ]);
    const after = claimOf([
      ...history.partiallyPaid(),
      paymentReversed({ paidCents: 50_000, contractualCents: 20_000, patientResponsibilityCents: 10_000 }),
    ]);
    expect(after.money).toEqual(claimOf(history.accepted()).money);
    expect(after.deadlines).toEqual({ timelyFiling: '2027-03-02' });
  });
});
